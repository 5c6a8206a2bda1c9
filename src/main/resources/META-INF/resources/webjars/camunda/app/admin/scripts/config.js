// ZQT (政企通) Admin configuration. Replaces the webjar's scripts/config.js (the app's classpath copy wins).
// Options not set here (metrics display, user operation log annotation length, ...) keep Camunda's defaults.
import {localesConfig} from '../../welcome/scripts/zqt/locale.js';

export default {
  app: {
    name: '政企通',
    vendor: '12345热线'
  },

  // one locale, the user's choice (Chinese unless English was chosen with the header switch)
  locales: localesConfig(),

  // paths relative to /camunda/app/admin/
  customScripts: ['scripts/zqt/locale-switch']
};
