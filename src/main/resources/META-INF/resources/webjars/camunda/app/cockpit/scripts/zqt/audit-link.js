// ZQT: the 审计查阅 link in the header; the code is shared by Tasklist and Cockpit (welcome/scripts/zqt/audit-link.js).
import {installAuditLink} from '../../../welcome/scripts/zqt/audit-link.js';

installAuditLink();
