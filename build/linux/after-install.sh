#!/bin/bash
# electron-builder's own deb after-install script (app-builder-lib/templates/linux/after-install.tpl),
# with one change: /usr/bin/pail is the command-line tool (resources/bin/pail, which runs the app
# binary with --cli), not the app binary. The app starts from its desktop entry, which names
# /opt/${sanitizedProductName}/${executable} itself. electron-builder fills in the ${…} names; shell
# variables here are written $name, since it rejects any other dollar-brace name.

cli='/opt/${sanitizedProductName}/resources/bin/pail'
app='/opt/${sanitizedProductName}/${executable}'
if type update-alternatives >/dev/null 2>&1; then
    # An earlier package (or the default script) linked pail to the app binary: that choice goes.
    update-alternatives --remove 'pail' "$app" >/dev/null 2>&1 || true
    # Remove a previous link that does not use update-alternatives
    if [ -L '/usr/bin/pail' -a -e '/usr/bin/pail' -a "`readlink '/usr/bin/pail'`" != '/etc/alternatives/pail' ]; then
        rm -f '/usr/bin/pail'
    fi
    update-alternatives --install '/usr/bin/pail' 'pail' "$cli" 100 || ln -sf "$cli" '/usr/bin/pail'
else
    ln -sf "$cli" '/usr/bin/pail'
fi

# Check if user namespaces are supported by the kernel and working with a quick test:
if ! { [[ -L /proc/self/ns/user ]] && unshare --user true; }; then
    # Use SUID chrome-sandbox only on systems without user namespaces:
    chmod 4755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
else
    chmod 0755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
fi

if hash update-mime-database 2>/dev/null; then
    update-mime-database /usr/share/mime || true
fi

if hash update-desktop-database 2>/dev/null; then
    update-desktop-database /usr/share/applications || true
fi

# Install the AppArmor profile (Ubuntu 24+) when this AppArmor supports it (abi/4.0; Ubuntu 22.04 runs
# the app fine without it). The apparmor_parser flags are a dry run of loading the profile.
if apparmor_status --enabled > /dev/null 2>&1; then
  APPARMOR_PROFILE_SOURCE='/opt/${sanitizedProductName}/resources/apparmor-profile'
  APPARMOR_PROFILE_TARGET='/etc/apparmor.d/${executable}'
  if apparmor_parser --skip-kernel-load --debug "$APPARMOR_PROFILE_SOURCE" > /dev/null 2>&1; then
    cp -f "$APPARMOR_PROFILE_SOURCE" "$APPARMOR_PROFILE_TARGET"

    # Not in a chroot (images maintained for clients): there a live update means nothing.
    if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      # Extra flags taken from dh_apparmor: '-W -T' pulls in abstraction updates too.
      apparmor_parser --replace --write-cache --skip-read-cache "$APPARMOR_PROFILE_TARGET"
    fi
  else
    echo "Skipping the installation of the AppArmor profile as this version of AppArmor does not seem to support the bundled profile"
  fi
fi
