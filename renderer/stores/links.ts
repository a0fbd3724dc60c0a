import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors';
import type { LinkCheck, PresignAnswer, PublicUrlsAnswer, UrlStyle } from '../../shared/sharing';
import { api } from '../api';
import { DEFAULT_EXPIRY, expirySeconds, type ExpiryChoice } from '../link-expiry';

/** The parts of the link dialog. */
export type LinkTab = 'public' | 'GET' | 'PUT';

/** Which links a Copy or Check acted on: a tab's links, or the PUT tab's curl commands. */
export type LinkOutput = LinkTab | 'curl';

/** The objects the dialog makes links for. */
export interface LinkTarget {
  profileId: string;
  bucket: string;
  keys: string[];
}

/** The presign form of the GET or PUT tab. */
export interface PresignFormValues extends ExpiryChoice {
  /** GET: the file name a browser saves under (Content-Disposition). */
  downloadName: string;
  /** GET: the Content-Type of the answer; PUT: the Content-Type the upload must send (signed). */
  contentType: string;
  /** Sign for the bucket's custom domain instead of the endpoint. */
  viaCustomDomain: boolean;
}

/** A request's state and its answer or error. */
export interface Loaded<T> {
  status: 'idle' | 'loading' | 'ready' | 'error';
  answer?: T;
  error?: ErrorInfo;
}

/** "Check link" on one output. */
export interface LinkCheckState {
  url: string;
  status: 'checking' | 'done' | 'error';
  result?: LinkCheck;
  error?: ErrorInfo;
}

/** Everything the link dialog shows. */
export interface LinksState {
  target?: LinkTarget;
  tab: LinkTab;
  publicUrls: Loaded<PublicUrlsAnswer>;
  /** The style asked for, shown chosen while its URLs load. */
  publicStyle?: UrlStyle;
  forms: Record<'GET' | 'PUT', PresignFormValues>;
  /** A custom expiry the form could not read, after "Create link". */
  expiryProblem: Partial<Record<'GET' | 'PUT', string>>;
  signed: Record<'GET' | 'PUT', Loaded<PresignAnswer>>;
  checks: Partial<Record<LinkTab, LinkCheckState>>;
  /** The last copy: which output, and whether the clipboard took it. */
  copied?: { output: LinkOutput; ok: boolean };
}

/** What the links store can do; every action works outside React. */
export interface LinksActions {
  /** Starts afresh for these objects on the public URL tab, and loads their public URLs. */
  open(target: LinkTarget): void;
  setTab(tab: LinkTab): void;
  /** Loads the public URLs in a style (the profile's default when none). */
  loadPublicUrls(style?: UrlStyle): Promise<void>;
  /** Changes the GET or PUT form; the links made from the old values go. */
  changeForm(method: 'GET' | 'PUT', patch: Partial<PresignFormValues>): void;
  /** Signs the links of the GET or PUT form. */
  presign(method: 'GET' | 'PUT'): Promise<void>;
  /** Asks the main process what a link does. */
  check(tab: LinkTab, url: string): Promise<void>;
  /** Puts text on the clipboard and says so. */
  copy(output: LinkOutput, text: string): Promise<void>;
}

const emptyForm: PresignFormValues = { ...DEFAULT_EXPIRY, downloadName: '', contentType: '', viaCustomDomain: false };
const idle = { status: 'idle' } as const;

const initialState: LinksState = {
  target: undefined,
  tab: 'public',
  publicUrls: idle,
  publicStyle: undefined,
  forms: { GET: emptyForm, PUT: emptyForm },
  expiryProblem: {},
  signed: { GET: idle, PUT: idle },
  checks: {},
  copied: undefined,
};

// Bumped on every open, so answers for an earlier dialog are dropped.
let generation = 0;

/** The links store (the link dialog's state). */
export const useLinksStore = create<LinksState & LinksActions>()((set, get) => ({
  ...initialState,

  open(target) {
    generation += 1;
    set({ ...initialState, target });
    void get().loadPublicUrls();
  },

  setTab(tab) {
    set({ tab, copied: undefined });
  },

  async loadPublicUrls(style) {
    const { target } = get();
    if (!target) return;
    const current = generation;
    set((state) => ({
      publicUrls: { ...state.publicUrls, status: 'loading', error: undefined },
      publicStyle: style,
      checks: { ...state.checks, public: undefined },
      copied: undefined,
    }));
    const result = await api.s3.publicUrls({ ...target, ...(style && { style }) });
    if (current !== generation || get().publicStyle !== style) return;
    // On failure the URLs shown (and their style) stay those of the last answer.
    set((state) => ({
      publicStyle: undefined,
      publicUrls: result.ok ? { status: 'ready', answer: result.data } : { ...state.publicUrls, status: 'error', error: result.error },
    }));
  },

  changeForm(method, patch) {
    set((state) => ({
      forms: { ...state.forms, [method]: { ...state.forms[method], ...patch } },
      expiryProblem: { ...state.expiryProblem, [method]: undefined },
      signed: { ...state.signed, [method]: idle },
      checks: { ...state.checks, [method]: undefined },
      copied: undefined,
    }));
  },

  async presign(method) {
    const { target, forms } = get();
    if (!target) return;
    const form = forms[method];
    const expiry = expirySeconds(form);
    if (!expiry.ok) {
      set((state) => ({ expiryProblem: { ...state.expiryProblem, [method]: expiry.problem } }));
      return;
    }
    const current = generation;
    set((state) => ({ signed: { ...state.signed, [method]: { status: 'loading' } }, checks: { ...state.checks, [method]: undefined }, copied: undefined }));
    const downloadName = method === 'GET' ? form.downloadName.trim() : '';
    const contentType = form.contentType.trim();
    const result = await api.s3.presign({
      ...target,
      method,
      expiresInSeconds: expiry.seconds,
      ...(downloadName && { downloadName }),
      ...(contentType && { contentType }),
      viaCustomDomain: form.viaCustomDomain,
    });
    if (current !== generation) return;
    set((state) => ({
      signed: { ...state.signed, [method]: result.ok ? { status: 'ready', answer: result.data } : { status: 'error', error: result.error } },
    }));
  },

  async check(tab, url) {
    const current = generation;
    set((state) => ({ checks: { ...state.checks, [tab]: { url, status: 'checking' } } }));
    const result = await api.links.check({ url });
    if (current !== generation || get().checks[tab]?.url !== url) return;
    set((state) => ({
      checks: { ...state.checks, [tab]: result.ok ? { url, status: 'done', result: result.data } : { url, status: 'error', error: result.error } },
    }));
  },

  async copy(output, text) {
    let ok = true;
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      ok = false;
    }
    set({ copied: { output, ok } });
  },
}));

/** Puts the links store back to its first state and drops answers in flight (tests, and when the dialog closes). */
export function resetLinksStore(): void {
  generation += 1;
  useLinksStore.setState(initialState);
}
