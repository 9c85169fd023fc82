import { beforeEach, describe, expect, it } from 'vitest';
import { useEditorStore } from './editor-store.ts';

const state = () => useEditorStore.getState();

describe('editor tabs', () => {
  beforeEach(() => useEditorStore.setState({ openTabs: [], activeTab: null, drafts: {} }));

  it('opens a tab once and shows it', () => {
    state().assetOpened('a');
    state().assetOpened('b');
    state().assetOpened('a');
    expect(state().openTabs).toEqual(['a', 'b']);
    expect(state().activeTab).toBe('a');
  });

  it('closing the active tab shows its left neighbour (or the right one when it was first)', () => {
    for (const sid of ['a', 'b', 'c']) state().assetOpened(sid);
    state().tabActivated('b');
    state().tabClosed('b');
    expect(state()).toMatchObject({ openTabs: ['a', 'c'], activeTab: 'a' });
    state().tabClosed('a');
    expect(state()).toMatchObject({ openTabs: ['c'], activeTab: 'c' });
    state().tabClosed('c');
    expect(state()).toMatchObject({ openTabs: [], activeTab: null });
  });

  it('drops the draft of a deleted asset with its tab, and a saved draft', () => {
    state().assetOpened('a');
    state().assetOpened('b');
    state().draftEdited('a', 'unsaved');
    state().draftEdited('b', 'unsaved too');
    state().draftSaved('b');
    expect(state().drafts).toEqual({ a: 'unsaved' });
    state().assetRemoved('a');
    expect(state()).toMatchObject({ openTabs: ['b'], activeTab: 'b', drafts: {} });
  });
});
