/**
 * WCAG 2.1 2.5.3 (label in name): a control's accessible name must contain the text it shows. Keycloak 26.7.3's
 * select fields (e.g. the language choice on the personal-info page) name their toggle button by the field label
 * alone ("Wählen Sie eine Sprache") while the button shows the chosen value ("Deutsch"): speech-input users who say
 * what they see do not reach it, and axe-core reports it as serious. Until Keycloak fixes its component, such a
 * toggle is named by its label and its value together (aria-labelledby, which takes precedence over aria-label).
 */
export function nameTogglesByLabelAndValue(root: HTMLElement): void {
  const fix = () => {
    root
      .querySelectorAll<HTMLButtonElement>("button.pf-v5-c-menu-toggle[aria-label][id]")
      .forEach((toggle) => {
        const label = document.querySelector<HTMLLabelElement>(`label[for="${CSS.escape(toggle.id)}"]`);
        const value = toggle.querySelector<HTMLElement>(".pf-v5-c-menu-toggle__text");
        if (!label || !value) return;
        label.id ||= `${toggle.id}-sk-label`;
        value.id ||= `${toggle.id}-sk-value`;
        const names = `${label.id} ${value.id}`;
        if (toggle.getAttribute("aria-labelledby") !== names) {
          toggle.setAttribute("aria-labelledby", names);
        }
      });
  };
  new MutationObserver(fix).observe(root, { childList: true, subtree: true });
  fix();
}
