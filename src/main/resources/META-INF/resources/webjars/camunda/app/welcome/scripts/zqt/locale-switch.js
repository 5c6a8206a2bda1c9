// ZQT: the language switch (中文 / English) in the header; see locale.js.
import {installSwitch} from './locale.js';

installSwitch();
