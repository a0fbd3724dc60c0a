// `node -r scripts/pack/electron-stand-in.cjs out/main/main.js --cli …`: runs the built
// app's main bundle without Electron (there is none on the build machines), to check that a
// CLI run touches nothing of Electron but what it must. `require('electron')` gets a stand-in
// that records every function called on it and throws for any but those a CLI run may use
// (app.getPath, app.setPath, app.dock.hide, app.disableHardwareAcceleration, app.exit);
// process.defaultApp is set,
// as `electron .` sets it. At exit the calls go to PAIL_STAND_IN_REPORT (JSON) when set.
const { writeFileSync } = require('node:fs');
const Module = require('node:module');

const calls = [];
const allowed = {
  'app.getPath': (name) => `/stand-in/${name}`,
  'app.setPath': () => {},
  'app.dock.hide': () => {},
  'app.disableHardwareAcceleration': () => {},
  'app.exit': (code) => process.exit(code),
};
const values = { 'app.isPackaged': false };

function standIn(path) {
  return new Proxy(function electronStandIn() {}, {
    get(_target, key) {
      if (typeof key === 'symbol' || key === 'then' || key === '__esModule' || key === 'default') return undefined;
      const next = path ? `${path}.${key}` : key;
      return next in values ? values[next] : standIn(next);
    },
    apply(_target, _this, args) {
      calls.push(path);
      const allowedCall = allowed[path];
      if (!allowedCall) throw new Error(`electron stand-in: ${path}() is not for a CLI run`);
      return allowedCall(...args);
    },
  });
}

const electron = standIn('');
const load = Module._load;
Module._load = function loadWithStandIn(request, ...rest) {
  return request === 'electron' ? electron : load.call(this, request, ...rest);
};
process.defaultApp = true;
process.on('exit', () => {
  if (process.env.PAIL_STAND_IN_REPORT) writeFileSync(process.env.PAIL_STAND_IN_REPORT, JSON.stringify(calls));
});
