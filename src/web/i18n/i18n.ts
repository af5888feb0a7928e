import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import nl from './nl.json';

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'nl';

const STORAGE_KEY = 'tnh.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

/**
 * Dutch, the default, is part of the main bundle; English (about 140 kB) is its own chunk, loaded when it is chosen
 * or was chosen before (`ready` waits for it before the first render, so an English user never sees Dutch first).
 */
const loaders: Record<Exclude<Language, typeof DEFAULT_LANGUAGE>, () => Promise<{ default: typeof nl }>> = {
  en: () => import('./en.json'),
};

async function load(lng: Language): Promise<void> {
  if (lng === 'nl' || i18n.hasResourceBundle(lng, 'translation')) return;
  i18n.addResourceBundle(lng, 'translation', (await loaders[lng]()).default);
}

const initial = storedLanguage();
void i18n.use(initReactI18next).init({
  resources: { nl: { translation: nl } },
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  initAsync: false,
});

function applyDocumentLanguage(lng: string) {
  document.documentElement.lang = isLanguage(lng) ? lng : DEFAULT_LANGUAGE;
}
applyDocumentLanguage(i18n.language);
i18n.on('languageChanged', (lng) => {
  applyDocumentLanguage(lng);
  try {
    window.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // private mode: nothing to remember
  }
});

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

/** Switch the interface language (and <html lang>) if it differs, loading its texts first. */
export async function setLanguage(lng: Language): Promise<void> {
  if (i18n.language === lng) return;
  await load(lng);
  await i18n.changeLanguage(lng);
}

/** Resolves when the language the user chose before is loaded and active (at once for Dutch). */
export const ready: Promise<void> = initial === DEFAULT_LANGUAGE ? Promise.resolve() : setLanguage(initial).catch(() => undefined);

export default i18n;
