// ZQT (政企通) Welcome configuration. Replaces the webjar's scripts/config.js (the app's classpath copy wins).
// Options not set here keep Camunda's defaults.
import {localesConfig} from './zqt/locale.js';

export default {
  app: {
    name: '政企通',
    vendor: '12345热线'
  },

  // one locale, the user's choice (Chinese unless English was chosen with the header switch)
  locales: localesConfig(),

  // paths relative to /camunda/app/welcome/
  customScripts: ['scripts/zqt/locale-switch']
};
