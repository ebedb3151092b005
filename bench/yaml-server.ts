/**
 * yaml-language-server for the benchmark, unchanged except for its validation delay: it waits
 * 200 ms after every change before validating (not configurable), where Fenjie's server is run
 * with its debounce set to 0. Both are measured without debounce.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require('yaml-language-server/out/server/src/yamlSettings') as { SettingsState: new () => { validationDelayMs: number } };

const Original = settings.SettingsState;
settings.SettingsState = class extends Original {
  constructor() {
    super();
    this.validationDelayMs = 0;
  }
};

require('yaml-language-server/out/server/src/server.js');
