import { css } from '@codemirror/lang-css';
import { html } from '@codemirror/lang-html';
import { javascript } from '@codemirror/lang-javascript';
import { json } from '@codemirror/lang-json';
import { markdown } from '@codemirror/lang-markdown';
import { xml } from '@codemirror/lang-xml';
import { EditorState, Prec, type Extension } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useEffectEvent, useRef } from 'react';
import { extensionOf } from '../../../../shared/content-type.ts';
import styles from './code-editor.module.css';

function languageFor(path: string): Extension {
  switch (extensionOf(path)) {
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

interface CodeEditorProps {
  /** The text when the editor mounts; later changes come from the user only. */
  initialText: string;
  path: string;
  /** Accessible name of the editable text. */
  label: string;
  onChange: (text: string) => void;
  /** Ctrl/Cmd+S. */
  onSave: () => void;
}

/** CodeMirror 6 for one document; mount it with a key per document. */
export function CodeEditor({ initialText, path, label, onChange, onSave }: CodeEditorProps) {
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
          languageFor(path),
          theme,
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
