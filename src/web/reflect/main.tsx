/**
 * The respondent page of a reflection session (/r#<token>): a separate, small entry like the survey's /s — React only
 * (no router, query cache, i18next or app code), Dutch, plain fetch to /api/reflect with the token in a header, no
 * third-party requests, styles from a file (strict CSP). The invitee rates each draft recommendation on importance and
 * feasibility (1–5, radio groups) and may comment, optionally anonymously; saved per recommendation, changeable until
 * the session closes.
 */
import './reflect.css';
import { StrictMode, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { createRoot } from 'react-dom/client';
import { REFLECTION_TOKEN_HEADER } from '../../shared/reflection-vocabulary';

interface Item {
  id: string;
  text: string;
  priority: string | null;
  position: number;
  importance: number | null;
  feasibility: number | null;
  comment: string;
}
interface View {
  title: string;
  heldOn: string;
  studyTitle: string;
  status: 'open' | 'closed';
  allowAnonymous: boolean;
  invitee: string;
  items: Item[];
}
interface Saved {
  itemId: string;
  importance: number | null;
  feasibility: number | null;
  comment: string;
  anonymousSent: boolean;
  savedAt: string;
}

class CallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const NETWORK = 'Er is geen verbinding met de server. Controleer uw internetverbinding en probeer het opnieuw.';

async function call<T>(token: string, method: 'GET' | 'PUT', body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', [REFLECTION_TOKEN_HEADER]: token };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch('/api/reflect', { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store', credentials: 'omit' });
  } catch {
    throw new CallError(0, 'network_error', NETWORK);
  }
  let data: unknown = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string } } | null)?.error;
    throw new CallError(res.status, err?.code ?? String(res.status), err?.message || (res.status >= 500 ? NETWORK : 'Er ging iets mis. Probeer het opnieuw.'));
  }
  return data as T;
}

const readToken = () => decodeURIComponent(window.location.hash.replace(/^#/, '')).trim();

const formatDate = (d: string) => {
  try {
    return new Date(`${d}T12:00:00Z`).toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });
  } catch {
    return d;
  }
};
const formatTime = (d: string) => new Date(d).toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit' });

const SCALES = {
  importance: { legend: 'Hoe belangrijk vindt u deze aanbeveling?', low: 'helemaal niet belangrijk', high: 'heel belangrijk' },
  feasibility: { legend: 'Hoe haalbaar is deze aanbeveling in de praktijk?', low: 'helemaal niet haalbaar', high: 'heel goed haalbaar' },
} as const;

function Scale({ name, kind, value, disabled, onChange }: { name: string; kind: keyof typeof SCALES; value: number | null; disabled: boolean; onChange: (v: number) => void }) {
  const s = SCALES[kind];
  const hint = useId();
  return (
    <fieldset className="rf-fieldset" aria-describedby={hint}>
      <legend>{s.legend}</legend>
      <p id={hint} className="rf-hint">
        1 = {s.low}, 5 = {s.high}
      </p>
      <div className="rf-scale">
        {[1, 2, 3, 4, 5].map((v) => (
          <label key={v} className="rf-option">
            <input type="radio" name={name} value={v} checked={value === v} disabled={disabled} onChange={() => onChange(v)} />
            {v}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function ItemForm({ token, item, index, open, allowAnonymous, onSaved, onClosed }: { token: string; item: Item; index: number; open: boolean; allowAnonymous: boolean; onSaved: (s: Saved) => void; onClosed: () => void }) {
  const [importance, setImportance] = useState<number | null>(item.importance);
  const [feasibility, setFeasibility] = useState<number | null>(item.feasibility);
  const [comment, setComment] = useState(item.comment);
  const [anonymous, setAnonymous] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const hid = `rf-rec-${item.id}`;
  const commentId = `rf-comment-${item.id}`;
  const anonId = `rf-anon-${item.id}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError('');
    setStatus('');
    try {
      const body: Record<string, unknown> = { itemId: item.id, importance, feasibility };
      if (anonymous) {
        if (comment.trim()) Object.assign(body, { comment, anonymous: true });
      } else body.comment = comment;
      const saved = await call<Saved>(token, 'PUT', body);
      onSaved(saved);
      if (saved.anonymousSent) {
        setComment(saved.comment);
        setAnonymous(false);
        setStatus(`Opgeslagen om ${formatTime(saved.savedAt)}. Uw anonieme opmerking is verstuurd (u kunt haar niet meer wijzigen).`);
      } else setStatus(`Opgeslagen om ${formatTime(saved.savedAt)}.`);
    } catch (err) {
      if (err instanceof CallError && err.code === 'session_closed') onClosed();
      setError(err instanceof Error ? err.message : NETWORK);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="rf-box" aria-labelledby={hid}>
      <h2 id={hid}>Aanbeveling {index + 1}</h2>
      <p className="rf-rec">{item.text}</p>
      <form onSubmit={(e) => void submit(e)}>
        <Scale name={`importance-${item.id}`} kind="importance" value={importance} disabled={!open} onChange={setImportance} />
        <Scale name={`feasibility-${item.id}`} kind="feasibility" value={feasibility} disabled={!open} onChange={setFeasibility} />
        <div className="rf-field">
          <label htmlFor={commentId}>Opmerking (niet verplicht)</label>
          <textarea id={commentId} rows={3} maxLength={4000} value={comment} disabled={!open} onChange={(e) => setComment(e.target.value)} />
        </div>
        {allowAnonymous && open ? (
          <div className="rf-check">
            <input type="checkbox" id={anonId} checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} aria-describedby={`${anonId}-hint`} />
            <div>
              <label htmlFor={anonId}>Opmerking anoniem versturen</label>
              <p id={`${anonId}-hint`} className="rf-hint">
                De onderzoekers zien dan niet van wie de opmerking is. Een anonieme opmerking kunt u daarna niet meer wijzigen.
              </p>
            </div>
          </div>
        ) : null}
        {open ? (
          <button type="submit" className="rf-button" disabled={busy}>
            {busy ? 'Bezig met opslaan…' : `Aanbeveling ${index + 1} opslaan`}
          </button>
        ) : null}
        {error ? (
          <p className="rf-error" role="alert">
            {error}
          </p>
        ) : null}
        <p className="rf-status" role="status">
          {status}
        </p>
      </form>
    </section>
  );
}

function Reflect() {
  const token = useRef(readToken());
  const [view, setView] = useState<View | null>(null);
  const [problem, setProblem] = useState<{ title: string; body: string } | null>(null);

  useEffect(() => {
    if (!token.current) {
      setProblem({ title: 'Geen geldige link', body: 'Open deze pagina met de persoonlijke link die u van de onderzoekers heeft gekregen.' });
      return;
    }
    call<View>(token.current, 'GET').then(setView, (e: unknown) =>
      setProblem({ title: e instanceof CallError && e.status === 404 ? 'Deze link werkt niet' : 'Het laden lukte niet', body: e instanceof Error ? e.message : NETWORK }),
    );
  }, []);

  useEffect(() => {
    document.title = view ? `${view.title} – reflectiesessie` : 'Reflectiesessie';
  }, [view]);

  if (problem)
    return (
      <main className="rf-main">
        <section className="rf-box rf-alert" aria-labelledby="rf-problem">
          <h1 id="rf-problem">{problem.title}</h1>
          <p>{problem.body}</p>
        </section>
      </main>
    );
  if (!view)
    return (
      <main className="rf-main">
        <p className="rf-box" role="status">
          Bezig met laden…
        </p>
      </main>
    );
  const open = view.status === 'open';
  return (
    <>
      <header className="rf-header">
        <div className="rf-header-inner">
          <p className="rf-muted">{view.studyTitle}</p>
          <h1>{view.title}</h1>
          <p className="rf-muted">
            Reflectiesessie van {formatDate(view.heldOn)} · welkom, {view.invitee}
          </p>
        </div>
      </header>
      <main className="rf-main">
        {open ? (
          <section className="rf-box rf-notice" aria-labelledby="rf-intro">
            <h2 id="rf-intro">Zo werkt het</h2>
            <p>
              Hieronder staan {view.items.length === 1 ? 'de conceptaanbeveling' : `${view.items.length} conceptaanbevelingen`} van het onderzoek. Geef per aanbeveling aan hoe belangrijk en hoe haalbaar u
              haar vindt, van 1 tot en met 5, en schrijf eventueel een opmerking. Sla elke aanbeveling op met de knop eronder. U kunt uw oordeel aanpassen zolang de sessie open is.
            </p>
          </section>
        ) : (
          <section className="rf-box rf-notice" aria-labelledby="rf-closed">
            <h2 id="rf-closed">De sessie is gesloten</h2>
            <p>U kunt uw oordeel niet meer wijzigen. Hartelijk dank voor uw bijdrage! Hieronder ziet u wat u heeft ingevuld.</p>
          </section>
        )}
        {view.items.map((it, i) => (
          <ItemForm
            key={it.id}
            token={token.current}
            item={it}
            index={i}
            open={open}
            allowAnonymous={view.allowAnonymous}
            onSaved={(s) => setView((v) => (v ? { ...v, items: v.items.map((x) => (x.id === s.itemId ? { ...x, importance: s.importance, feasibility: s.feasibility, comment: s.comment } : x)) } : v))}
            onClosed={() => setView((v) => (v ? { ...v, status: 'closed' } : v))}
          />
        ))}
      </main>
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Reflect />
  </StrictMode>,
);
