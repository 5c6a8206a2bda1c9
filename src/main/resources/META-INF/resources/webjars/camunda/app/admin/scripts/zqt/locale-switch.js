// ZQT: the language switch (中文 / English) in the header; the code is shared by all apps (welcome/scripts/zqt/locale.js).
import {installSwitch} from '../../../welcome/scripts/zqt/locale.js';

installSwitch();
