// Applies the saved theme before the first paint (a separate file: the CSP forbids inline scripts).
try {
  const theme = localStorage.getItem('iam-playground:theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch {
  // storage may be disabled; the system preference applies
}
