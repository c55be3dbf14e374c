import { deskCommandOf } from './keyboard-shortcuts';

const press = (key: string, target: EventTarget | null = document.body, modifiers: Partial<KeyboardEvent> = {}) =>
  deskCommandOf({ key, ctrlKey: false, altKey: false, metaKey: false, target, ...modifiers });

describe('deskCommandOf', () => {
  it('maps B, S, X and ? to their commands, in either case', () => {
    expect([press('b'), press('S'), press('x'), press('?')]).toEqual(['buy', 'sell', 'cancel-all', 'help']);
  });

  it('leaves other keys, and keys with Ctrl, Alt or Meta, to the browser', () => {
    expect(press('q')).toBeNull();
    expect(press('b', document.body, { ctrlKey: true })).toBeNull();
    expect(press('s', document.body, { metaKey: true })).toBeNull();
  });

  it('does nothing while the trader types in a field or a dialog is open', () => {
    const input = document.createElement('input');
    document.body.append(input);
    expect(press('b', input)).toBeNull();
    const dialog = document.createElement('div');
    dialog.setAttribute('role', 'dialog');
    const button = document.createElement('button');
    dialog.append(button);
    document.body.append(dialog);
    expect(press('x', button)).toBeNull();
  });
});
