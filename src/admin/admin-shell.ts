/**
 * The dashboard's HTML: a fixed shell with no data in it. Everything moderators see is fetched
 * by /admin/app.js with their token, so this page can be cached and never leaks a comment.
 */
export const ADMIN_SHELL = `<!doctype html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light dark">
<title>Majlis</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/admin/admin.css">
<script src="/admin/app.js" defer></script>
</head>
<body>
<div id="app"></div>
<div class="notice-bar"><p id="notice" role="status" aria-live="polite"></p><span id="notice-action"></span></div>
<noscript><p>The moderation dashboard needs JavaScript. / لوحة الإشراف تحتاج إلى JavaScript.</p></noscript>
</body>
</html>
`;
