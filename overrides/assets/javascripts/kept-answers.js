// Answers kept in this browser (localStorage), and nowhere else. Safe whatever is found there: a saved
// state that is not what a builder saves (text, a list, nesting hundreds of thousands deep, or far too
// large) is reported, never used and never silently replaced; a save the browser refuses (no room, or
// storage blocked) says so and leaves what was saved before exactly as it was.
//
// The state is {version, answers, source}: `answers` as the questions keep them, `source` the profile
// they were read from ({name, text}) or null. A plain object of answers, as the first builder kept them,
// is read as answers.

const VERSION = 2;
const MOST_CHARS = 5_000_000; // more than any builder saves: browsers give a site about 5 MB
const MOST_DEPTH = 64; // answers nest a few levels; far deeper is not a builder's

export function keptAnswers(key) {
  return {
    // {state} (null when nothing is saved), or {problem: "unreadable" | "blocked", raw}
    load() {
      let raw;
      try {
        raw = localStorage.getItem(key);
      } catch {
        return { problem: "blocked", raw: null };
      }
      if (raw === null) return { state: null };
      const state = readState(raw);
      return state ? { state } : { problem: "unreadable", raw };
    },
    // {ok: true}, or {ok: false, reason: "full" | "blocked"}: what was saved before is unchanged.
    save(state) {
      try {
        localStorage.setItem(key, JSON.stringify({ version: VERSION, answers: state.answers, source: state.source || null }));
        return { ok: true };
      } catch (error) {
        const full = error && (error.name === "QuotaExceededError" || error.code === 22 || error.code === 1014);
        return { ok: false, reason: full ? "full" : "blocked" };
      }
    },
    clear() {
      try { localStorage.removeItem(key); return true; } catch { return false; }
    },
  };
}

// The state in saved text, or null when the text is not a state a builder saved.
export function readState(raw) {
  if (typeof raw !== "string" || raw.length > MOST_CHARS || deeperThan(raw, MOST_DEPTH)) return null;
  let value;
  try { value = JSON.parse(raw); } catch { return null; }
  if (!isPlainObject(value)) return null;
  if (!("version" in value) && !("answers" in value)) return { answers: value, source: null }; // as the first builder kept them
  if (("version" in value && value.version !== VERSION) || !isPlainObject(value.answers)) return null;
  const source = value.source;
  if (source !== null && source !== undefined
      && !(isPlainObject(source) && typeof source.name === "string" && typeof source.text === "string")) return null;
  return { answers: value.answers, source: source || null };
}

function isPlainObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

// How deep brackets nest in JSON text, counted without recursion (outside strings), so that no depth
// can overflow the stack of whatever reads it next.
function deeperThan(text, most) {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") { if (++depth > most) return true; }
    else if (c === "}" || c === "]") depth--;
  }
  return false;
}
