/*
 * ZQT (政企通): a header link to 审计查阅 (/audit/, the case search and timelines), shown once a user is logged in.
 * The page reads the same login; what it shows depends on the user's role (auditors, process owners and
 * administrators: every case; a unit's staff: their unit's cases), so the link is the same for everyone.
 * Shared by Tasklist and Cockpit, like locale.js.
 */
import {chosenLocale} from './locale.js';

function auditItem() {
  const item = document.createElement('li');
  item.className = 'zqt-audit-link';
  const link = document.createElement('a');
  link.setAttribute('href', '/audit/');
  link.setAttribute('data-testid', 'audit-link');
  link.textContent = chosenLocale() === 'en' ? 'Case audit' : '审计查阅';
  item.appendChild(link);
  return item;
}

/** Adds the link before the user menu whenever the header shows a logged-in user, and again when it is redrawn. */
export function installAuditLink() {
  const place = () => {
    const menu = document.querySelector('.cam-nav.app-menu > ul');
    const loggedIn = document.querySelector('[cam-widget-header] .account') !== null;
    const existing = menu && menu.querySelector(':scope > li.zqt-audit-link');
    if (menu && loggedIn && !existing) {
      const account = menu.querySelector(':scope > li.account');
      menu.insertBefore(auditItem(), account || null);
    } else if (existing && !loggedIn) {
      existing.remove();
    }
  };
  place();
  new MutationObserver(place).observe(document.body, {childList: true, subtree: true});
}
