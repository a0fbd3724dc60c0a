#!/bin/bash
# electron-builder's own deb after-remove script (app-builder-lib/templates/linux/after-remove.tpl),
# removing the /usr/bin/pail link after-install.sh made to the command-line tool. On an upgrade
# dpkg runs this before the new package's after-install, which links it again.

if type update-alternatives >/dev/null 2>&1; then
    # 'path' must be the registered alternative, not the generic link (update-alternatives(1)).
    update-alternatives --remove 'pail' '/opt/${sanitizedProductName}/resources/bin/pail'
else
    rm -f '/usr/bin/pail'
fi

APPARMOR_PROFILE_DEST='/etc/apparmor.d/${executable}'

# Remove and unload the AppArmor profile: unloaded before the file goes, so the policy is not left
# enforced until the next reboot (not in a chroot, as in after-install.sh).
if [ -f "$APPARMOR_PROFILE_DEST" ]; then
  if apparmor_status --enabled > /dev/null 2>&1; then
    if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      apparmor_parser --remove "$APPARMOR_PROFILE_DEST" || true
    fi
  fi
  rm -f "$APPARMOR_PROFILE_DEST"
fi
