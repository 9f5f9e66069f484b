// The diary offline: an entry is first kept on this device (localStorage), then sent; whatever cannot be sent
// now is sent when the connection comes back. Each entry carries the time it was recorded, which the server
// uses to recognise a retry, so a flaky connection neither loses an entry nor stores it twice.
(() => {
  const form = document.getElementById("diary-form");
  if (!form || !window.fetch || !window.localStorage) return;
  const status = document.getElementById("diary-status");
  const queued = document.getElementById("queued");
  const key = `relief-diary-queue:${form.dataset.patient}`;
  const token = form.querySelector("input[name=__RequestVerificationToken]")?.value ?? "";

  const load = () => JSON.parse(localStorage.getItem(key) ?? "[]");
  const save = (items) => localStorage.setItem(key, JSON.stringify(items));
  const show = () => {
    const n = load().length;
    queued.hidden = n === 0;
    queued.textContent = n === 0 ? "" : `${n} entr${n === 1 ? "y" : "ies"} saved on this device, waiting to be sent.`;
  };

  const number = (name) => {
    const field = form.elements[name];
    const value = field instanceof RadioNodeList ? field.value : field?.value;
    return value === undefined || value === "" ? null : Number(value);
  };
  const checked = (name) => [...form.querySelectorAll(`input[name=${name}]:checked`)].map((i) => i.value);

  const answers = () => Object.fromEntries([...form.querySelectorAll("input[name^='Answers[']:checked")]
    .map((i) => [i.name.slice("Answers[".length, -1), Number(i.value)]));

  const entryFromForm = () => ({
    at: new Date().toISOString(),
    pain: number("Pain"), fatigue: number("Fatigue"), exertion: number("Exertion"),
    sleepHours: number("SleepHours"), sleepQuality: number("SleepQuality"), mood: number("Mood"),
    pemSeverity: number("PemSeverity"),
    bodySites: checked("BodySites"), painQualities: checked("PainQualities"),
    notes: form.elements["Notes"].value.trim() || null,
    answers: answers(),
  });

  let flushing = false;
  const flush = async () => {
    if (flushing) return;
    flushing = true;
    let sent = 0;
    try {
      for (const entry of load()) {
        let response;
        try {
          response = await fetch(form.dataset.sync, {
            method: "POST",
            headers: { "Content-Type": "application/json", "RequestVerificationToken": token },
            body: JSON.stringify(entry),
            credentials: "same-origin",
            redirect: "manual", // a redirect (e.g. to sign in) is not a success: keep the entry
          });
        } catch {
          break; // offline: keep the queue, try again when the connection returns
        }
        if (response.ok) {
          save(load().filter((e) => e.at !== entry.at));
          sent++;
        } else if (response.status === 400) {
          const body = await response.json().catch(() => ({ errors: [] }));
          save(load().filter((e) => e.at !== entry.at));
          status.textContent = "An entry was not saved: " + (body.errors ?? []).map((e) => `${e.field}: ${e.message}`).join("; ");
        } else {
          break; // the server could not take it now (5xx, 401): keep it
        }
      }
    } finally {
      flushing = false;
      show();
    }
    if (sent > 0 && load().length === 0) {
      location.assign(location.pathname + "?saved=true");
    }
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    save([...load(), entryFromForm()]);
    form.reset();
    status.textContent = navigator.onLine ? "Saving…" : "Saved on this device; it will be sent when you are back online.";
    show();
    flush();
  });

  window.addEventListener("online", flush);
  show();
  flush();

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/diary-sw.js").catch(() => {});
  }
})();
