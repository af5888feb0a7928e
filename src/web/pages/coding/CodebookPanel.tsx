import { useMutation, useQueryClient } from '@tanstack/react-query';
import { memo, useId, useMemo, useRef, useState, type CSSProperties, type DragEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { codingApi, keys } from '../../api/endpoints';
import type { Code, Study } from '../../api/types';
import { ErrorAlert } from '../../components/Alert';
import { ConfirmButton } from '../../components/ConfirmButton';
import { TextAreaField, TextField } from '../../components/Field';
import { DEFAULT_CODE_COLOR } from '../../../shared/coding-vocabulary';
import { buildTree, canDrop, descendants, filterCodes, flatten, mergeTargets, moveTargets, pathName, resolveCodes, shortcuts, type CodeNode } from './codebook';
import { codesPath } from './common';
import { safeColor } from './segments';

export interface CodebookPanelProps {
  study: Study;
  codes: readonly Code[];
  /** codings per code in this document */
  counts: ReadonlyMap<string, number>;
  /** codes can be applied and the codebook changed */
  writable: boolean;
  /** applies codes to the selection; false when nothing was applied (no selection) */
  onApply: (codeIds: string[]) => boolean;
  /** codings changed on the server (a merge, a deletion): the document is loaded again */
  onCodingsChanged: () => void;
  announce: (message: string) => void;
}

const DRAG_TYPE = 'application/x-tnh-code';

/**
 * The codebook beside the document: apply a code to the selection (click, its number key, or the quick filter
 * and Enter), and keep the codebook itself: create, rename, recolour, describe, memo, move (drag, or "verplaatsen
 * naar" with the keyboard), merge, delete, and the ready-made template.
 */
export const CodebookPanel = memo(function CodebookPanel({ study, codes, counts, writable, onApply, onCodingsChanged, announce }: CodebookPanelProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const flat = useMemo(() => flatten(buildTree(codes)), [codes]);
  const keysOf = useMemo(() => shortcuts(flat), [flat]);
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [dropOn, setDropOn] = useState<string | null | undefined>(undefined);
  const filtered = useMemo(() => (filter.trim() ? filterCodes(flat, filter) : null), [flat, filter]);
  const setCodes = (next: readonly Code[]) => queryClient.setQueryData(keys.codes(study.slug), { codes: [...next] });

  const move = useMutation({
    mutationFn: ({ id, parentId }: { id: string; parentId: string | null }) => codingApi.moveCode(study.slug, id, { parentId }),
    onSuccess: (r, v) => {
      setCodes(r.codes);
      const name = r.codes.find((c) => c.id === v.id)?.name ?? '';
      announce(v.parentId ? t('codebook.moved', { name, parent: pathName(r.codes, v.parentId) }) : t('codebook.movedTop', { name }));
    },
  });
  const template = useMutation({
    mutationFn: () => codingApi.addTemplate(study.slug),
    onSuccess: (r) => {
      setCodes(r.codes);
      announce(t('codebook.templateAdded', { count: r.added, skipped: r.skipped }));
    },
  });

  function quickApply(event: FormEvent) {
    event.preventDefault();
    const { codes: found, unknown } = resolveCodes(flat, filter);
    if (!found.length) {
      announce(t('codebook.noMatch', { query: filter.trim() }));
      return;
    }
    if (!onApply(found.map((c) => c.id))) return;
    if (unknown.length) announce(t('codebook.someUnknown', { parts: unknown.join(', ') }));
    setFilter('');
  }

  const dragProps = (id: string | null) =>
    writable && dragging
      ? {
          onDragOver: (e: DragEvent) => {
            if (!canDrop(codes, dragging, id)) return;
            e.preventDefault();
            e.dataTransfer.dropEffect = 'move';
            if (dropOn !== id) setDropOn(id);
          },
          onDragLeave: () => setDropOn((d) => (d === id ? undefined : d)),
          onDrop: (e: DragEvent) => {
            e.preventDefault();
            const dragged = e.dataTransfer.getData(DRAG_TYPE) || dragging;
            setDragging(null);
            setDropOn(undefined);
            if (dragged && canDrop(codes, dragged, id)) move.mutate({ id: dragged, parentId: id });
          },
        }
      : {};

  // the same for every row: translated once per render
  const applyTitle = t('codebook.applyTitle');
  const countTitle = t('codebook.countTitle');
  const row = (n: CodeNode<Code>, showPath: boolean) => {
    const c = n.code;
    const count = counts.get(c.id) ?? 0;
    const key = keysOf.get(c.id);
    const open = editing === c.id;
    const editLabel = writable ? t('codebook.edit', { name: c.name }) : t('codebook.details', { name: c.name });
    return (
      <div
        className={`cb-row${dropOn === c.id ? ' cb-drop' : ''}${dragging === c.id ? ' cb-dragging' : ''}`}
        style={{ '--c': safeColor(c.color) } as CSSProperties}
        draggable={writable && !open}
        onDragStart={(e) => {
          e.dataTransfer.setData(DRAG_TYPE, c.id);
          e.dataTransfer.effectAllowed = 'move';
          setDragging(c.id);
        }}
        onDragEnd={() => {
          setDragging(null);
          setDropOn(undefined);
        }}
        {...dragProps(c.id)}
      >
        {writable ? (
          <>
            <button
              type="button"
              className="cb-apply"
              title={applyTitle}
              aria-describedby={key ? `cb-key-${c.id}` : undefined}
              aria-keyshortcuts={key ? String(key) : undefined}
              onClick={() => onApply([c.id])}
            >
              <span className="cb-swatch" aria-hidden="true" />
              <span className="cb-name">{showPath ? pathName(codes, c.id) : c.name}</span>
            </button>
            {key ? (
              <>
                <kbd className="cb-key" aria-hidden="true">
                  {key}
                </kbd>
                <span id={`cb-key-${c.id}`} className="visually-hidden">
                  {t('codebook.shortcut', { key })}
                </span>
              </>
            ) : null}
          </>
        ) : (
          <span className="cb-apply cb-static">
            <span className="cb-swatch" aria-hidden="true" />
            <span className="cb-name">{showPath ? pathName(codes, c.id) : c.name}</span>
          </span>
        )}
        <span className="cb-count" title={countTitle}>
          {count}
          <span className="visually-hidden"> {t('codebook.countSuffix', { count })}</span>
        </span>
        <button type="button" className="cb-edit" aria-expanded={open} aria-controls={open ? `code-edit-${c.id}` : undefined} title={editLabel} onClick={() => setEditing(open ? null : c.id)}>
          <span aria-hidden="true">{open ? '▴' : '✎'}</span>
          <span className="visually-hidden">{editLabel}</span>
        </button>
      </div>
    );
  };

  const editor = (c: Code) => (
    <CodeEditor
      key={c.id}
      study={study}
      code={c}
      codes={codes}
      writable={writable}
      onClose={() => setEditing(null)}
      onCodes={setCodes}
      onCodingsChanged={onCodingsChanged}
      announce={announce}
    />
  );

  const tree = (nodes: readonly CodeNode<Code>[]) => (
    <ul className="cb-tree">
      {nodes.map((n) => (
        <li key={n.code.id}>
          {row(n, false)}
          {editing === n.code.id ? editor(n.code) : null}
          {n.children.length ? tree(n.children) : null}
        </li>
      ))}
    </ul>
  );

  return (
    <section className="codebook" aria-labelledby="codebook-heading">
      <h2 id="codebook-heading">{t('codebook.title')}</h2>
      {writable ? (
        <form className="cb-filter" role="search" aria-label={t('codebook.filterLabel')} onSubmit={quickApply}>
          <label htmlFor="code-filter">{t('codebook.filterLabel')}</label>
          <p id="code-filter-hint" className="field-hint">
            {t('codebook.filterHint')}
          </p>
          <input id="code-filter" type="search" autoComplete="off" aria-describedby="code-filter-hint" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </form>
      ) : (
        <div className="cb-filter">
          <label htmlFor="code-filter">{t('codebook.filterOnly')}</label>
          <input id="code-filter" type="search" autoComplete="off" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </div>
      )}
      {codes.length === 0 ? <p className="empty">{writable ? t('codebook.emptyWritable') : t('codebook.empty')}</p> : null}
      {filtered ? (
        filtered.length ? (
          <ul className="cb-tree" aria-label={t('codebook.matches', { count: filtered.length })}>
            {filtered.map((c) => (
              <li key={c.id}>
                {row({ code: c, depth: 0, children: [] }, true)}
                {editing === c.id ? editor(c) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{t('codebook.noMatch', { query: filter.trim() })}</p>
        )
      ) : (
        <div aria-label={t('codebook.treeLabel')} role="group">
          {tree(buildTree(codes))}
        </div>
      )}
      {writable && dragging ? (
        <div className={`cb-top-drop${dropOn === null ? ' cb-drop' : ''}`} {...dragProps(null)}>
          {t('codebook.dropTop')}
        </div>
      ) : null}
      <ErrorAlert error={move.error} />
      {writable ? <NewCode study={study} codes={codes} onCodes={setCodes} announce={announce} /> : null}
      {writable ? (
        <div className="cb-footer">
          <button type="button" className="button-secondary button-small" disabled={template.isPending} onClick={() => template.mutate()}>
            {t('codebook.template')}
          </button>
          <ErrorAlert error={template.error} />
        </div>
      ) : null}
      <p className="small">
        <Link to={codesPath(study.slug)}>{t('codebook.overviewLink')}</Link>
      </p>
    </section>
  );
});

function NewCode({ study, codes, onCodes, announce }: { study: Study; codes: readonly Code[]; onCodes: (c: readonly Code[]) => void; announce: (m: string) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState('');
  const [color, setColor] = useState(DEFAULT_CODE_COLOR);
  const [error, setError] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const flat = useMemo(() => flatten(buildTree(codes)), [codes]);
  const create = useMutation({
    mutationFn: () => codingApi.createCode(study.slug, { name: name.trim(), parentId: parentId || null, color }),
    onSuccess: (c) => {
      onCodes([...codes, c]);
      announce(t('codebook.created', { name: c.name }));
      setName('');
      input.current?.focus();
    },
  });
  if (!open) {
    return (
      <p>
        <button type="button" className="button-secondary button-small" onClick={() => setOpen(true)}>
          {t('codebook.new')}
        </button>
      </p>
    );
  }
  return (
    <form
      className="cb-new"
      aria-labelledby="cb-new-heading"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!name.trim()) {
          setError(t('codebook.errName'));
          input.current?.focus();
          return;
        }
        setError('');
        create.mutate();
      }}
    >
      <h3 id="cb-new-heading">{t('codebook.new')}</h3>
      <div className="field">
        <label htmlFor="cb-new-name">{t('codebook.name')}</label>
        {error ? (
          <p id="cb-new-name-error" className="field-error">
            {error}
          </p>
        ) : null}
        {/* the form opens on request: the name field is where the user wants to type */}
        <input ref={input} id="cb-new-name" autoFocus maxLength={120} value={name} aria-invalid={error ? true : undefined} aria-describedby={error ? 'cb-new-name-error' : undefined} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="cb-new-parent">{t('codebook.parent')}</label>
        <select id="cb-new-parent" value={parentId} onChange={(e) => setParentId(e.target.value)}>
          <option value="">{t('codebook.topLevel')}</option>
          {flat.map((n) => (
            <option key={n.code.id} value={n.code.id}>
              {pathName(codes, n.code.id)}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-color">
        <label htmlFor="cb-new-color">{t('codebook.color')}</label>
        <input id="cb-new-color" type="color" value={color} onChange={(e) => setColor(e.target.value)} />
      </div>
      <ErrorAlert error={create.error} />
      <div className="form-actions">
        <button type="submit" className="button-primary button-small" disabled={create.isPending}>
          {t('codebook.add')}
        </button>
        <button type="button" className="button-secondary button-small" onClick={() => setOpen(false)}>
          {t('workspace.close')}
        </button>
      </div>
    </form>
  );
}

interface EditorProps {
  study: Study;
  code: Code;
  codes: readonly Code[];
  writable: boolean;
  onClose: () => void;
  onCodes: (codes: readonly Code[]) => void;
  onCodingsChanged: () => void;
  announce: (m: string) => void;
}

/** One code's details: name, colour, description, memo; move, merge, delete. */
function CodeEditor({ study, code, codes, writable, onClose, onCodes, onCodingsChanged, announce }: EditorProps) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState(code.name);
  const [color, setColor] = useState(safeColor(code.color));
  const [description, setDescription] = useState(code.description);
  const [memoText, setMemoText] = useState(code.memo);
  const [moveTo, setMoveTo] = useState('');
  const [mergeInto, setMergeInto] = useState('');
  const targets = useMemo(() => moveTargets(codes, code.id), [codes, code.id]);
  const merges = useMemo(() => mergeTargets(codes, code.id), [codes, code.id]);
  const withSubcodes = useMemo(() => [code.id, ...descendants(codes, code.id)], [codes, code.id]);
  const studyCodings = codes.filter((c) => withSubcodes.includes(c.id)).reduce((n, c) => n + c.codings, 0);

  const save = useMutation({
    mutationFn: () => {
      const patch: Record<string, string> = {};
      if (name.trim() !== code.name) patch.name = name.trim();
      if (color !== safeColor(code.color)) patch.color = color;
      if (description !== code.description) patch.description = description;
      if (memoText !== code.memo) patch.memo = memoText;
      return codingApi.updateCode(study.slug, code.id, patch);
    },
    onSuccess: (c) => {
      onCodes(codes.map((x) => (x.id === c.id ? c : x)));
      announce(t('codebook.saved', { name: c.name }));
    },
  });
  const move = useMutation({
    mutationFn: (parentId: string | null) => codingApi.moveCode(study.slug, code.id, { parentId }),
    onSuccess: (r, parentId) => {
      onCodes(r.codes);
      setMoveTo('');
      announce(parentId ? t('codebook.moved', { name: code.name, parent: pathName(r.codes, parentId) }) : t('codebook.movedTop', { name: code.name }));
    },
  });
  const merge = useMutation({
    mutationFn: (targetId: string) => codingApi.mergeCode(study.slug, code.id, targetId),
    onSuccess: (r, targetId) => {
      onCodes(r.codes);
      onCodingsChanged();
      announce(t('codebook.merged', { name: code.name, target: r.codes.find((c) => c.id === targetId)?.name ?? '', count: r.recoded }));
      onClose();
    },
  });
  const remove = useMutation({
    mutationFn: () => codingApi.removeCode(study.slug, code.id, studyCodings > 0),
    onSuccess: (r) => {
      onCodes(codes.filter((c) => !withSubcodes.includes(c.id)));
      onCodingsChanged();
      announce(t('codebook.deleted', { name: code.name, count: r.deletedCodings }));
      onClose();
      document.getElementById('code-filter')?.focus();
    },
  });
  const dirty = name.trim() !== code.name || color !== safeColor(code.color) || description !== code.description || memoText !== code.memo;

  return (
    <div id={`code-edit-${code.id}`} className="cb-editor">
      {writable ? (
        <form
          noValidate
          aria-label={t('codebook.edit', { name: code.name })}
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim() && dirty) save.mutate();
          }}
        >
          <TextField label={t('codebook.name')} value={name} maxLength={120} error={name.trim() ? undefined : t('codebook.errName')} onChange={(e) => setName(e.target.value)} />
          <div className="field field-color">
            <label htmlFor={`${id}-color`}>{t('codebook.color')}</label>
            <input id={`${id}-color`} type="color" value={color} onChange={(e) => setColor(e.target.value)} />
          </div>
          <TextAreaField label={t('codebook.description')} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
          <TextAreaField label={t('codebook.memo')} hint={t('codebook.memoHint')} rows={3} value={memoText} onChange={(e) => setMemoText(e.target.value)} />
          <ErrorAlert error={save.error} />
          <div className="form-actions">
            <button type="submit" className="button-primary button-small" disabled={!dirty || !name.trim() || save.isPending}>
              {t('common.save')}
            </button>
          </div>
        </form>
      ) : (
        <>
          {code.description ? <p className="prewrap small">{code.description}</p> : null}
          {code.memo ? (
            <p className="prewrap small">
              <strong>{t('codebook.memo')}:</strong> {code.memo}
            </p>
          ) : null}
        </>
      )}
      <p className="small">
        <Link to={codesPath(study.slug, code.id)}>{t('codebook.segmentsLink', { count: code.codings })}</Link>
      </p>
      {writable ? (
        <>
          <div className="cb-action">
            <label htmlFor={`${id}-move`}>{t('codebook.moveTo')}</label>
            <div className="inline-form">
              <select id={`${id}-move`} value={moveTo} onChange={(e) => setMoveTo(e.target.value)}>
                <option value="">{t('codebook.choose')}</option>
                {targets.map((x) => (
                  <option key={x.id ?? 'top'} value={x.id ?? '__top'}>
                    {x.id ? x.label : t('codebook.topLevel')}
                  </option>
                ))}
              </select>
              <button type="button" className="button-secondary button-small" disabled={!moveTo || move.isPending} onClick={() => move.mutate(moveTo === '__top' ? null : moveTo)}>
                {t('codebook.move')}
              </button>
            </div>
            <ErrorAlert error={move.error} />
          </div>
          <div className="cb-action">
            <label htmlFor={`${id}-merge`}>{t('codebook.mergeInto')}</label>
            <div className="inline-form">
              <select id={`${id}-merge`} value={mergeInto} onChange={(e) => setMergeInto(e.target.value)}>
                <option value="">{t('codebook.choose')}</option>
                {merges.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.label}
                  </option>
                ))}
              </select>
              <ConfirmButton
                disabled={!mergeInto}
                pending={merge.isPending}
                question={t('codebook.mergeQuestion', { name: code.name, target: merges.find((x) => x.id === mergeInto)?.label ?? '' })}
                confirmLabel={t('codebook.mergeConfirm')}
                onConfirm={() => merge.mutate(mergeInto)}
                className="button-small"
              >
                {t('codebook.merge')}
              </ConfirmButton>
            </div>
            <ErrorAlert error={merge.error} />
          </div>
          <div className="cb-action">
            <ConfirmButton
              danger
              pending={remove.isPending}
              question={[
                t('codebook.deleteQuestion', { name: code.name }),
                withSubcodes.length > 1 ? t('codebook.deleteSubcodes', { count: withSubcodes.length - 1 }) : '',
                studyCodings > 0 ? t('codebook.deleteCodings', { count: studyCodings }) : '',
              ]
                .filter(Boolean)
                .join(' ')}
              confirmLabel={t('codebook.deleteConfirm')}
              onConfirm={() => remove.mutate()}
              className="button-small"
            >
              {t('codebook.delete')}
            </ConfirmButton>
            <ErrorAlert error={remove.error} />
          </div>
        </>
      ) : null}
    </div>
  );
}
