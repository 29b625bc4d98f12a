#!/usr/bin/env bash
# Build the one-folder bundle for this platform into dist/image-studio/.
#   packaging/build.sh            then: dist/image-studio/image-studio --version
# Uses only what PyPI provides (pyinstaller from the "packaging" dependency group).
set -euo pipefail
cd "$(dirname "$0")/.."

# the compiled translations the app loads (*.qm) come from the *.ts catalogue
if ls studio/resources/translations/*.ts >/dev/null 2>&1; then
  for ts in studio/resources/translations/*.ts; do
    qm="${ts%.ts}.qm"
    if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then
      uv run pyside6-lrelease -silent "$ts" -qm "$qm"
    fi
  done
fi
# the command line's catalogue (no Qt) comes from the same *.ts
for ts in studio/resources/translations/studio_zh_CN.ts; do
  json="studio/resources/translations/cli_zh_CN.json"
  if [ -f "$ts" ] && { [ ! -f "$json" ] || [ "$ts" -nt "$json" ]; }; then
    uv run python packaging/i18n_build.py --cli-json
  fi
done
# icons are committed; regenerate only when one is missing
if [ ! -f resources/icons/image-studio.ico ] || [ ! -f resources/icons/image-studio-512.png ]; then
  uv run python packaging/make_icons.py
fi

uv run --group packaging pyinstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/image-studio.spec

# Linux desktop integration files travel next to the launcher
case "$(uname -s)" in
  Linux)
    cp packaging/image-studio.desktop packaging/io.imagestudio.ImageStudio.metainfo.xml \
      dist/image-studio/
    ;;
esac
echo "built: dist/image-studio/"
