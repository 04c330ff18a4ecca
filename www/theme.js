// Applies the saved theme and the page's language before the first paint (a separate file: the
// CSP forbids inline scripts). The language: the user's choice (the header's switch), else the
// first of the browser's languages the playground speaks (English, Japanese), else English;
// www/src/i18n/index.js (pickLang) chooses the same way.
try {
  const theme = localStorage.getItem('iam-playground:theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch {
  // storage may be disabled; the system preference applies
}
(function () {
  let lang = null;
  try {
    lang = localStorage.getItem('iam-playground:lang');
  } catch {
    // storage may be disabled; the browser's languages apply
  }
  if (lang !== 'en' && lang !== 'ja') {
    lang = 'en';
    const tags = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
    for (const tag of tags) {
      const primary = String(tag).toLowerCase().split('-')[0];
      if (primary === 'en' || primary === 'ja') {
        lang = primary;
        break;
      }
    }
  }
  document.documentElement.lang = lang;
})();
