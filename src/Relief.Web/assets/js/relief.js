// Progressive enhancement only: every page works without this file.
// Copy-to-note: each section marked data-copy gets a button that copies its text for a clinical note.
document.addEventListener("DOMContentLoaded", () => {
  if (!navigator.clipboard) return;
  for (const section of document.querySelectorAll("section[data-copy]")) {
    const heading = section.querySelector("h2");
    if (!heading) continue;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy secondary";
    button.textContent = "Copy to note";
    button.setAttribute("aria-label", `Copy to note: ${heading.textContent.trim()}`);
    button.addEventListener("click", async () => {
      const text = section.innerText.replace(/Copy to note\s*/g, "").trim();
      await navigator.clipboard.writeText(text + "\n\n" + (document.querySelector(".disclaimer")?.innerText ?? ""));
      button.textContent = "Copied";
      setTimeout(() => { button.textContent = "Copy to note"; }, 2000);
    });
    heading.appendChild(button);
  }
});

// After signing out, the diary pages kept for offline use are removed from this device (a shared phone must
// not show them to the next person). Unsent diary entries stay queued for the next sign-in.
if (location.pathname === "/signin" && new URLSearchParams(location.search).has("signedOut") && window.caches) {
  caches.delete("relief-diary-v1");
}
