#!/bin/sh
# Makes a compressed disk image from the .app bundle PyInstaller built (installers/build.py calls this on
# macOS): the app and a link to /Applications, so a clerk drags one onto the other.
#   sh installers/macos/make_dmg.sh "dist/Rio Desktop.app" dist/rio-desktop-0.1.0-macos-arm64.dmg
# Needs hdiutil (part of macOS). Signing and notarization need the organisation's Apple Developer ID:
#   codesign --deep --force --options runtime --sign "Developer ID Application: ..." "dist/Rio Desktop.app"
#   xcrun notarytool submit dist/rio-desktop-*.dmg --keychain-profile ... --wait
set -eu
app="$1"
image="$2"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
rm -f "$image"
hdiutil create -volname "Rio Desktop" -srcfolder "$stage" -fs HFS+ -format UDZO -imagekey zlib-level=9 "$image"
echo "disk image: $image"
