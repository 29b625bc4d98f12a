"""Images as other tools write them, built here with Pillow (never hand-typed files)."""

from __future__ import annotations

import io
import json
import struct
import zlib

from PIL import Image, PngImagePlugin

from studio.core.imagechunks import PngChunk


def png(size: tuple[int, int] = (24, 16), info: PngImagePlugin.PngInfo | None = None) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (200, 40, 90)).save(buf, "PNG", pnginfo=info)
    return buf.getvalue()


def jpeg(size: tuple[int, int] = (24, 16)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (20, 140, 90)).save(buf, "JPEG", quality=90)
    return buf.getvalue()


def webp(size: tuple[int, int] = (24, 16), lossless: bool = False, alpha: bool = False) -> bytes:
    buf = io.BytesIO()
    mode, colour = ("RGBA", (20, 40, 240, 128)) if alpha else ("RGB", (20, 40, 240))
    Image.new(mode, size, colour).save(buf, "WEBP", lossless=lossless)
    return buf.getvalue()


def a1111_png() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text(
        "parameters",
        "masterpiece, a lighthouse at dusk, (oil painting:1.2)\n"
        "Negative prompt: blurry, lowres\n"
        "Steps: 28, Sampler: DPM++ 2M Karras, CFG scale: 7, Seed: 1234567890, "
        "Size: 768x512, Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, "
        'Lora hashes: "a: 1, b: 2"',
    )
    return png((768 // 32, 512 // 32), info)


COMFY_PROMPT = {
    "3": {
        "class_type": "KSampler",
        "inputs": {
            "seed": 156680208700286,
            "steps": 20,
            "cfg": 8,
            "model": ["4", 0],
            "positive": ["6", 0],
            "negative": ["7", 0],
            "latent_image": ["5", 0],
        },
    },
    "4": {
        "class_type": "CheckpointLoaderSimple",
        "inputs": {"ckpt_name": "sd_xl_base_1.0.safetensors"},
    },
    "5": {
        "class_type": "EmptyLatentImage",
        "inputs": {"width": 1024, "height": 768, "batch_size": 1},
    },
    "6": {
        "class_type": "CLIPTextEncode",
        "inputs": {"text": "a beautiful scenery nature glass bottle", "clip": ["4", 1]},
    },
    "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "text, watermark", "clip": ["4", 1]}},
    "9": {"class_type": "SaveImage", "inputs": {"images": ["8", 0]}},
}

COMFY_WORKFLOW = {
    "nodes": [
        {"id": 6, "type": "CLIPTextEncode", "widgets_values": ["a cat in a teacup"]},
        {"id": 7, "type": "CLIPTextEncode", "widgets_values": ["ugly"]},
        {"id": 3, "type": "KSampler", "widgets_values": [42, "randomize", 20, 8, "euler"]},
        {"id": 5, "type": "EmptyLatentImage", "widgets_values": [512, 640, 1]},
    ]
}


def comfy_png(with_prompt: bool = True) -> bytes:
    info = PngImagePlugin.PngInfo()
    if with_prompt:
        info.add_text("prompt", json.dumps(COMFY_PROMPT))
    info.add_text("workflow", json.dumps(COMFY_WORKFLOW))
    return png(info=info)


def invokeai_png() -> bytes:
    info = PngImagePlugin.PngInfo()
    meta = {
        "positive_prompt": "a dragon made of clouds",
        "negative_prompt": "dark",
        "width": 832,
        "height": 1216,
        "seed": 99,
        "model": {"name": "juggernautXL", "base": "sdxl"},
    }
    info.add_text("invokeai_metadata", json.dumps(meta))
    return png(info=info)


# -- C2PA-shaped files (a manifest store's container, as the specification places it)


def _jumbf() -> bytes:
    label = b"c2pa\x00"
    c2pa_uuid = bytes.fromhex("6332706100110010800000aa00389b71")
    jumd = c2pa_uuid + b"\x03" + label
    jumd_box = struct.pack(">I", 8 + len(jumd)) + b"jumd" + jumd
    content = b"\x00" * 40 + b"a signed manifest would be here"
    return struct.pack(">I", 8 + len(jumd_box) + len(content)) + b"jumb" + jumd_box + content


def c2pa_png() -> bytes:
    data = png()
    ihdr_end = 8 + 12 + 13
    return data[:ihdr_end] + PngChunk.build(b"caBX", _jumbf()) + data[ihdr_end:]


def c2pa_jpeg() -> bytes:
    data = jpeg()
    payload = b"JP" + struct.pack(">HI", 1, 1) + _jumbf()
    segment = b"\xff\xeb" + struct.pack(">H", len(payload) + 2) + payload
    return data[:2] + segment + data[2:]


def c2pa_webp() -> bytes:
    data = webp()
    body = _jumbf()
    chunk = b"C2PA" + struct.pack("<I", len(body)) + body + (b"\x00" if len(body) % 2 else b"")
    whole = data[12:] + chunk
    return b"RIFF" + struct.pack("<I", 4 + len(whole)) + b"WEBP" + whole


def png_with_chunk(ctype: bytes, payload: bytes) -> bytes:
    data = png()
    ihdr_end = 8 + 12 + 13
    return data[:ihdr_end] + PngChunk.build(ctype, payload) + data[ihdr_end:]


def itxt(key: str, text: bytes, compressed: bool = False) -> bytes:
    body = zlib.compress(text, 9) if compressed else text
    return key.encode() + b"\x00" + bytes((1 if compressed else 0, 0)) + b"\x00\x00" + body
