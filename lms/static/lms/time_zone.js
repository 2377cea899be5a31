// Tells the server the browser's time zone, once, for a person who has not chosen one: a
// cookie that lms.middleware.TimeZoneMiddleware checks and saves to the profile. Without
// JavaScript times are shown in UTC, named as such, and the profile setting still works.
(function () {
  const name = document.currentScript && document.currentScript.dataset.cookie;
  if (!name) return;
  let zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    return;
  }
  if (!zone || zone.length > 64) return;
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  document.cookie =
    name + "=" + encodeURIComponent(zone) + "; Path=/; Max-Age=31536000; SameSite=Lax" + secure;
  // On the profile page, propose the browser's zone while none is chosen.
  const select = document.querySelector("select[data-browser-time-zone]");
  if (select && !select.value && select.querySelector('option[value="' + CSS.escape(zone) + '"]')) {
    select.value = zone;
  }
})();
