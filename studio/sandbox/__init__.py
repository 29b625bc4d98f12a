"""The offline sandbox provider: a loopback HTTP server speaking the Images API.

Qt-free. ``SandboxServer`` (server.py) is the entry point; ``Fault`` and the
canned error bodies live in faults.py; ``get_embedded_sandbox()`` in
embedded.py gives the app its process-wide instance.
"""
