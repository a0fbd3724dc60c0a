import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors';
import { failed, idle, loading, ready, type Loadable } from '../../shared/loadable';
import type { AccessChoice, LinkCheck, PresignAnswer, PublicUrlsAnswer, UrlStyle } from '../../shared/sharing';
import { DEFAULT_EXPIRY, type ExpiryChoice } from '../links/link-expiry';

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
  /** PUT: the ACL the upload must send (signed); empty: none, the bucket's default applies. */
  acl: AccessChoice | '';
}

/** "Check link" on one output: the link checked, and what the check found. */
export interface LinkCheckState {
  url: string;
  answer: Loadable<LinkCheck>;
}

/** Everything the link dialog shows. */
export interface LinksState {
  target?: LinkTarget;
  tab: LinkTab;
  /** The request for public URLs (in {@link publicStyle}). */
  publicUrls: Loadable<PublicUrlsAnswer>;
  /** The last public URLs that came back: they stay shown while others load, and after those fail. */
  shownUrls?: PublicUrlsAnswer;
  /** The style asked for, shown chosen while its URLs load. */
  publicStyle?: UrlStyle;
  forms: Record<'GET' | 'PUT', PresignFormValues>;
  /** What is wrong with a custom expiry, said as it is typed (no link is made meanwhile). */
  expiryProblem: Partial<Record<'GET' | 'PUT', string>>;
  signed: Record<'GET' | 'PUT', Loadable<PresignAnswer>>;
  checks: Partial<Record<LinkTab, LinkCheckState>>;
  /** The last copy: which output, and whether the clipboard took it. */
  copied?: { output: LinkOutput; ok: boolean };
}

/** The links store's own setters; making and checking links is in actions/links.ts. */
export interface LinksSetters {
  /** Starts afresh for these objects, on a tab. */
  start(target: LinkTarget, tab: LinkTab): void;
  setTab(tab: LinkTab): void;
  /** Public URLs in a style (undefined: the profile's default) are on their way; the shown ones stay meanwhile. */
  publicUrlsLoading(style: UrlStyle | undefined): void;
  /** The public URLs that came back, or why not (the last answer's stay shown). */
  publicUrlsAnswered(answer: { ok: true; data: PublicUrlsAnswer } | { ok: false; error: ErrorInfo }): void;
  /** Changes the GET or PUT form; the links made from the old values go. */
  changeForm(method: 'GET' | 'PUT', patch: Partial<PresignFormValues>): void;
  setExpiryProblem(method: 'GET' | 'PUT', problem: string): void;
  /** The links of the GET or PUT form are on their way: the old ones' check and copy note go. */
  signing(method: 'GET' | 'PUT'): void;
  /** The links of the GET or PUT form that came back, or why not. */
  setSigned(method: 'GET' | 'PUT', signed: Loadable<PresignAnswer>): void;
  setCheck(tab: LinkTab, check: LinkCheckState): void;
  setCopied(copied: { output: LinkOutput; ok: boolean }): void;
}

const emptyForm: PresignFormValues = { ...DEFAULT_EXPIRY, downloadName: '', contentType: '', viaCustomDomain: false, acl: '' };

const initialState: LinksState = {
  target: undefined,
  tab: 'public',
  publicUrls: idle,
  shownUrls: undefined,
  publicStyle: undefined,
  forms: { GET: emptyForm, PUT: emptyForm },
  expiryProblem: {},
  signed: { GET: idle, PUT: idle },
  checks: {},
  copied: undefined,
};

/** The links store (the link dialog's state). */
export const useLinksStore = create<LinksState & LinksSetters>()((set) => ({
  ...initialState,

  start(target, tab) {
    set({ ...initialState, target, tab });
  },

  setTab(tab) {
    set({ tab, copied: undefined });
  },

  publicUrlsLoading(style) {
    set((state) => ({ publicUrls: loading, publicStyle: style, checks: { ...state.checks, public: undefined }, copied: undefined }));
  },

  publicUrlsAnswered(answer) {
    // On failure the URLs shown (and their style) stay those of the last answer.
    set(
      answer.ok
        ? { publicStyle: undefined, publicUrls: ready(answer.data), shownUrls: answer.data }
        : { publicStyle: undefined, publicUrls: failed(answer.error) },
    );
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

  setExpiryProblem(method, problem) {
    set((state) => ({ expiryProblem: { ...state.expiryProblem, [method]: problem } }));
  },

  signing(method) {
    set((state) => ({ signed: { ...state.signed, [method]: loading }, checks: { ...state.checks, [method]: undefined }, copied: undefined }));
  },

  setSigned(method, signed) {
    set((state) => ({ signed: { ...state.signed, [method]: signed } }));
  },

  setCheck(tab, check) {
    set((state) => ({ checks: { ...state.checks, [tab]: check } }));
  },

  setCopied(copied) {
    set({ copied });
  },
}));

/** Puts the links store back to its first state (tests, and when the dialog closes). */
export function resetLinksStore(): void {
  useLinksStore.setState(initialState);
}
