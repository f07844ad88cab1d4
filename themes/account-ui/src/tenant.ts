import { environment } from "./environment";

/** A tenant's branding as the theme's index.ftl hands it over: the realm's display name and its attributes. */
export type Tenant = {
  name: string;
  /** The logo's address (realm attribute sk.branding.logoUrl), if any. */
  logoUrl?: string;
  /** The municipality's site (realm attribute sk.branding.url), if any. */
  url?: string;
};

type Injected = { skTenant?: { name?: string; logoUrl?: string; url?: string } };

/**
 * An address the console may show an image from or link to: https, or http on this machine (local runs, tests), as
 * sk-tenant.sh accepts them. Anything else an administrator may have typed into the attribute is left out.
 */
export const loadable = (value: string | undefined): string | undefined => {
  if (!value || value.length > 300) return undefined;
  try {
    const url = new URL(value);
    const local = url.hostname === "localhost" || url.hostname === "127.0.0.1";
    const allowed = url.protocol === "https:" || (url.protocol === "http:" && local);
    return allowed && !url.username && !url.password ? value : undefined;
  } catch {
    return undefined;
  }
};

/** The tenant of this realm, or undefined for a realm without branding (the Servicekonto's own look then). */
export const tenant = ((): Tenant | undefined => {
  const injected = (environment as unknown as Injected).skTenant;
  const name = injected?.name?.trim();
  const logoUrl = loadable(injected?.logoUrl);
  const url = loadable(injected?.url);
  return name && (logoUrl || url) ? { name, logoUrl, url } : undefined;
})();
