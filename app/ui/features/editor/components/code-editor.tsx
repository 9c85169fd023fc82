import { css } from '@codemirror/lang-css';
import { html } from '@codemirror/lang-html';
import { javascript } from '@codemirror/lang-javascript';
import { json } from '@codemirror/lang-json';
import { markdown } from '@codemirror/lang-markdown';
import { xml } from '@codemirror/lang-xml';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorState, Prec, type Extension } from '@codemirror/state';
import { tags as t } from '@lezer/highlight';
import { EditorView, keymap } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useEffectEvent, useRef } from 'react';
import { extensionOf } from '../../../../shared/content-type.ts';
import styles from './code-editor.module.css';

/** By the path's extension; a path without one (such as the root asset "/") goes by its content type. */
function languageFor(path: string, contentType: string): Extension {
  const mime = contentType.split(';')[0]!.trim();
  const fromType: Record<string, string> = {
    'text/html': 'html',
    'text/css': 'css',
    'text/javascript': 'js',
    'application/javascript': 'js',
    'application/json': 'json',
    'text/markdown': 'md',
    'application/xml': 'xml',
    'image/svg+xml': 'svg',
  };
  switch (extensionOf(path) || fromType[mime]) {
    case 'html':
    case 'htm':
      return html();
    case 'css':
      return css();
    case 'js':
    case 'mjs':
      return javascript();
    case 'ts':
      return javascript({ typescript: true });
    case 'json':
    case 'map':
      return json();
    case 'md':
      return markdown();
    case 'xml':
    case 'svg':
      return xml();
    default:
      return [];
  }
}

const theme = EditorView.theme({
  '&': { height: '100%', backgroundColor: 'var(--color-surface)', color: 'var(--color-text)' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', fontSize: '13px', lineHeight: '1.55' },
  '.cm-gutters': {
    backgroundColor: 'var(--color-surface-sunken)',
    color: 'var(--color-text-subtle)',
    borderRight: '1px solid var(--color-border)',
  },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--color-accent-soft) 45%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--color-surface-hover)' },
  '.cm-cursor': { borderLeftColor: 'var(--color-text)' },
});

// Syntax colours from the design tokens (light and dark), all meeting WCAG AA contrast; replaces
// CodeMirror's default style, some of whose colours are too faint.
const highlighting = syntaxHighlighting(
  HighlightStyle.define([
    { tag: [t.keyword, t.operatorKeyword, t.modifier, t.controlKeyword], color: 'var(--code-keyword)' },
    { tag: [t.tagName, t.heading, t.link, t.url], color: 'var(--code-tag)' },
    { tag: t.heading, fontWeight: '600' },
    { tag: [t.string, t.special(t.string), t.regexp], color: 'var(--code-string)' },
    { tag: [t.comment, t.meta, t.processingInstruction, t.documentMeta], color: 'var(--code-comment)' },
    { tag: t.comment, fontStyle: 'italic' },
    { tag: [t.number, t.bool, t.null, t.atom, t.unit, t.color], color: 'var(--code-number)' },
    { tag: [t.attributeName, t.labelName], color: 'var(--code-attribute)' },
    { tag: [t.propertyName, t.typeName, t.className, t.definition(t.variableName)], color: 'var(--code-property)' },
    { tag: t.invalid, color: 'var(--color-danger)' },
    { tag: t.emphasis, fontStyle: 'italic' },
    { tag: t.strong, fontWeight: '600' },
  ]),
);

interface CodeEditorProps {
  /** The text when the editor mounts; later changes come from the user only. */
  initialText: string;
  path: string;
  /** The version's content type, for highlighting paths without an extension. */
  contentType: string;
  /** Accessible name of the editable text. */
  label: string;
  onChange: (text: string) => void;
  /** Ctrl/Cmd+S. */
  onSave: () => void;
}

/** CodeMirror 6 for one document; mount it with a key per document. */
export function CodeEditor({ initialText, path, contentType, label, onChange, onSave }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const changed = useEffectEvent((text: string) => onChange(text));
  const saved = useEffectEvent(() => onSave());

  useEffect(() => {
    if (!host.current) return;
    const view = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: initialText,
        extensions: [
          basicSetup,
          languageFor(path, contentType),
          theme,
          highlighting,
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': label }),
          Prec.highest(
            keymap.of([
              {
                key: 'Mod-s',
                preventDefault: true,
                run: () => {
                  saved();
                  return true;
                },
              },
            ]),
          ),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) changed(update.state.doc.toString());
          }),
        ],
      }),
    });
    return () => view.destroy();
    // The document is created once per mount; the parent remounts (key) for another document.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return <div ref={host} className={styles.editor} />;
}
