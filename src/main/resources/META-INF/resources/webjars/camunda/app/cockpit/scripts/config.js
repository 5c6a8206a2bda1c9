// ZQT (政企通) Cockpit configuration. Replaces the webjar's scripts/config.js (the app's classpath copy wins).
// Options not set here (metrics periods, skip listeners/IO mappings, batch operation mode, ...) keep Camunda's defaults.
import {localesConfig} from '../../welcome/scripts/zqt/locale.js';

export default {
  app: {
    name: '政企通',
    vendor: '12345热线'
  },

  // one locale, the user's choice (Chinese unless English was chosen with the header switch)
  locales: localesConfig(),

  // paths relative to /camunda/app/cockpit/
  customScripts: ['scripts/zqt/locale-switch', 'scripts/zqt/audit-link']
};
