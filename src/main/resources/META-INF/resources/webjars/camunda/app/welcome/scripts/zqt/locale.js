/*
 * ZQT (政企通): the webapps' language, shared by Tasklist, Cockpit, Admin and Welcome.
 *
 * Camunda picks the language once at start-up: the browser's first language if it is in
 * config.locales.availableLocales, else config.locales.fallbackLocale. ZQT wants simplified Chinese
 * whatever the browser says, with English one click away. So every app's config.js offers exactly one
 * locale: the user's choice stored in localStorage under 'zqt-locale' ('zh' or 'en'), Chinese when
 * nothing (or something unknown) is stored. The switch in the header stores the other choice and reloads.
 *
 * Lives in the welcome app so that one file serves all four apps (/camunda/app/welcome/scripts/zqt/locale.js).
 */

export const STORAGE_KEY = 'zqt-locale';
export const DEFAULT_LOCALE = 'zh';
export const LOCALES = {zh: '中文', en: 'English'};

export function chosenLocale() {
  let stored = null;
  try {
    stored = window.localStorage.getItem(STORAGE_KEY);
  } catch (e) {
    // storage disabled: stay with the default
  }
  return Object.prototype.hasOwnProperty.call(LOCALES, stored) ? stored : DEFAULT_LOCALE;
}

/** The value for config.locales, and the page's lang attribute set to match. */
export function localesConfig() {
  const locale = chosenLocale();
  document.documentElement.setAttribute('lang', locale === 'zh' ? 'zh-CN' : 'en');
  return {availableLocales: [locale], fallbackLocale: locale};
}

export function choose(locale) {
  if (!Object.prototype.hasOwnProperty.call(LOCALES, locale) || locale === chosenLocale()) {
    return;
  }
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch (e) {
    return;
  }
  window.location.reload();
}

function switchItem() {
  const current = chosenLocale();
  const item = document.createElement('li');
  item.className = 'zqt-locale-switch';
  item.setAttribute('title', current === 'zh' ? '界面语言' : 'Display language');
  Object.keys(LOCALES).forEach((locale, index) => {
    if (index > 0) {
      const bar = document.createElement('span');
      bar.textContent = ' / ';
      bar.setAttribute('aria-hidden', 'true');
      item.appendChild(bar);
    }
    const link = document.createElement('a');
    link.textContent = LOCALES[locale];
    link.setAttribute('lang', locale === 'zh' ? 'zh-CN' : 'en');
    link.setAttribute('data-locale', locale);
    link.style.display = 'inline';
    link.style.padding = '0 2px';
    if (locale === current) {
      link.setAttribute('aria-current', 'true');
      link.style.fontWeight = 'bold';
      link.style.cursor = 'default';
    } else {
      link.setAttribute('href', '');
      link.setAttribute('role', 'button');
      link.addEventListener('click', event => {
        event.preventDefault();
        choose(locale);
      });
    }
    item.appendChild(link);
  });
  return item;
}

/** Puts the switch (中文 / English) first in the header's menu, and again whenever the header is redrawn. */
export function installSwitch() {
  const place = () => {
    const menu = document.querySelector('.cam-nav.app-menu > ul');
    if (menu && !menu.querySelector(':scope > li.zqt-locale-switch')) {
      menu.insertBefore(switchItem(), menu.firstChild);
    }
  };
  place();
  new MutationObserver(place).observe(document.body, {childList: true, subtree: true});
}
