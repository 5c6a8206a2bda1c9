// ZQT (政企通) Tasklist configuration. Replaces the webjar's scripts/config.js (the app's classpath copy wins).
// Options not set here keep Camunda's defaults.
import {chosenLocale, localesConfig} from '../../welcome/scripts/zqt/locale.js';

const zh = chosenLocale() === 'zh';

export default {
  app: {
    name: '政企通',
    vendor: '12345热线'
  },

  // one locale, the user's choice (Chinese unless English was chosen with the header switch)
  locales: localesConfig(),

  // paths relative to /camunda/app/tasklist/; tasklist-extras belongs to the tasklist work
  customScripts: ['scripts/zqt/locale-switch', 'scripts/zqt/audit-link', 'scripts/zqt/tasklist-extras',
    'scripts/zqt/knowledge-search', 'scripts/zqt/duty-roster'],

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: zh ? '认领当前选中的任务' : 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: zh ? '将焦点移到列表中的第一个过滤器' : 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: zh ? '将焦点移到列表中的第一个任务' : 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: zh ? '将焦点移到任务表单的第一个输入框' : 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: zh ? '打开“发起流程”对话框' : 'opens the start process modal dialog'
    }
  }
};
