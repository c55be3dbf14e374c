/** What a key does on the trading desk. */
export type DeskCommand = 'buy' | 'sell' | 'cancel-all' | 'help';

/** The keys, as the help dialog lists them; what each does is the text `desk.shortcutsDialog.<command>`. */
export const DESK_SHORTCUTS: readonly { key: string; command: DeskCommand }[] = [
  { key: 'B', command: 'buy' },
  { key: 'S', command: 'sell' },
  { key: 'X', command: 'cancel-all' },
  { key: '?', command: 'help' },
];

/**
 * The command a key press stands for, or null: never while the trader types in a field, and never with Ctrl, Alt
 * or Meta, which belong to the browser and the system.
 */
export function deskCommandOf(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey' | 'target'>): DeskCommand | null {
  if (event.ctrlKey || event.altKey || event.metaKey || isTyping(event.target)) return null;
  const shortcut = DESK_SHORTCUTS.find((candidate) => candidate.key.toLowerCase() === event.key.toLowerCase());
  return shortcut?.command ?? null;
}

function isTyping(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const element = target as HTMLElement;
  return element.isContentEditable || element.closest('input, textarea, select, [role="combobox"], [role="listbox"], [role="dialog"]') !== null;
}
