// For host pages with iframe embeds: sizes every frame showing embed.html to the height the
// frame reports (postMessage {type: 'iam-playground:height', height}). One script tag:
//   <script src="https://YOUR-SITE/iam-playground-frames.js" defer></script>

addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'iam-playground:height' || typeof data.height !== 'number') return;
  for (const frame of document.querySelectorAll('iframe')) {
    if (frame.contentWindow === event.source) {
      frame.style.height = `${Math.max(80, Math.min(data.height, 4000))}px`;
      frame.dataset.reportedHeight = String(data.height);
    }
  }
});
