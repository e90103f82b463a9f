// The lookup page: asks /api/ask, shows the cited answer with its sources, lists the corpus, keeps recent questions.
// Everything from the server is inserted as text (textContent, text nodes), never as HTML.

(() => {
  const TOKEN_KEY = 'newsroom.token';
  const RECENT_KEY = 'newsroom.recent';
  const RECENT_MAX = 12;

  // Words too common to be worth highlighting (compared without diacritics).
  const STOP_WORDS = new Set(
    (
      'a an and are as at be by did do does for from had has have how in is it its of on or the to was were what when where which who whom why with ' +
      'va cua co la cac nhung duoc da voi trong cho khong gi nao bao nhieu khi nhu the nay do ve tu den mot hai se dang hay nhat'
    ).split(' '),
  );

  const $ = (id) => document.getElementById(id);
  const ui = {
    askForm: $('ask-form'),
    question: $('question'),
    status: $('status'),
    result: $('result'),
    flag: $('answer-flag'),
    answer: $('answer'),
    notice: $('notice'),
    meta: $('answer-meta'),
    sourcesHeading: $('sources-heading'),
    sources: $('sources'),
    recentSection: $('recent-section'),
    recent: $('recent'),
    recentClear: $('recent-clear'),
    documents: $('documents'),
    documentsStatus: $('documents-status'),
    tokenForm: $('token-form'),
    token: $('token'),
    tokenForget: $('token-forget'),
  };

  /** Builds an element; `text` becomes a text node, children are nodes or strings (appended as text). */
  function el(tag, props = {}, children = []) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === 'text') node.textContent = value;
      else if (key === 'className') node.className = value;
      else node.setAttribute(key, value);
    }
    node.append(...children);
    return node;
  }

  // localStorage may be unavailable (private modes, blocked storage): the page still works without it.
  const store = {
    get(key) {
      try {
        return window.localStorage.getItem(key);
      } catch {
        return null;
      }
    },
    set(key, value) {
      try {
        if (value === null) window.localStorage.removeItem(key);
        else window.localStorage.setItem(key, value);
      } catch {
        /* not kept */
      }
    },
  };

  class ApiError extends Error {
    constructor(status, code, message, retryAfter) {
      super(message);
      this.status = status;
      this.code = code;
      this.retryAfter = retryAfter;
    }
  }

  async function api(path, init = {}) {
    const headers = new Headers(init.headers);
    const token = store.get(TOKEN_KEY);
    if (token) headers.set('authorization', `Bearer ${token}`);
    const response = await fetch(path, { ...init, headers });
    let body = null;
    try {
      body = await response.json();
    } catch {
      /* not JSON: reported below */
    }
    if (response.ok) return body;
    if (response.status === 401) showTokenForm();
    const error = body?.error ? body.error : { code: `HTTP_${response.status}`, message: `The server answered ${response.status}.` };
    throw new ApiError(response.status, error.code, error.message, response.headers.get('retry-after'));
  }

  function setStatus(message, kind = '') {
    ui.status.textContent = message;
    ui.status.className = `status ${kind}`.trim();
  }

  // ---- token ---------------------------------------------------------------------------------------------------

  let pendingQuestion = null; // asked while the token was missing: asked again once it is given

  function showTokenForm() {
    ui.tokenForm.hidden = false;
    ui.token.value = '';
    ui.token.focus();
  }

  ui.tokenForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = ui.token.value.trim();
    if (!token) return;
    store.set(TOKEN_KEY, token);
    ui.tokenForm.hidden = true;
    ui.tokenForget.hidden = false;
    setStatus('');
    loadDocuments();
    if (pendingQuestion) ask(pendingQuestion);
    else ui.question.focus();
  });

  ui.tokenForget.addEventListener('click', () => {
    store.set(TOKEN_KEY, null);
    ui.tokenForget.hidden = true;
    setStatus('The access token was removed from this browser.');
  });

  // ---- highlighting --------------------------------------------------------------------------------------------

  const WORD = /[\p{L}\p{N}]+/gu;
  const fold = (word) => word.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

  /**
   * The question's words. A question typed with diacritics matches them exactly ("quan" is not "quân"); one typed
   * without any ("han quoc", or English) matches passage words with or without them.
   */
  function questionTerms(question) {
    const text = question.normalize('NFC').toLowerCase();
    const loose = fold(text) === text;
    const words = new Set();
    for (const [word] of text.matchAll(WORD)) {
      if (word.length < 2 || STOP_WORDS.has(fold(word))) continue;
      words.add(loose ? fold(word) : word);
    }
    return { words, loose };
  }

  /** The passage as nodes, the words of the question wrapped in <mark> (runs of them in one mark). */
  function highlight(passage, terms) {
    const text = passage.normalize('NFC');
    const nodes = [];
    let cursor = 0;
    let mark = null; // [start, end] of the run being built
    const flush = () => {
      if (!mark) return;
      nodes.push(el('mark', { text: text.slice(mark[0], mark[1]) }));
      cursor = mark[1];
      mark = null;
    };
    for (const match of text.matchAll(WORD)) {
      const lower = match[0].toLowerCase();
      if (!terms.words.has(terms.loose ? fold(lower) : lower)) continue;
      const start = match.index;
      const end = start + match[0].length;
      if (mark && /^[\s\-–]*$/.test(text.slice(mark[1], start))) {
        mark[1] = end;
        continue;
      }
      flush();
      if (start > cursor) nodes.push(document.createTextNode(text.slice(cursor, start)));
      mark = [start, end];
    }
    flush();
    if (cursor < text.length) nodes.push(document.createTextNode(text.slice(cursor)));
    return nodes;
  }

  // ---- answer --------------------------------------------------------------------------------------------------

  /** The answer text with each [n] (n = a citation) as a link to source n. */
  function withMarkers(text, count) {
    const nodes = [];
    let cursor = 0;
    for (const match of text.matchAll(/\[(\d+)\]/g)) {
      const n = Number(match[1]);
      if (n < 1 || n > count) continue;
      if (match.index > cursor) nodes.push(document.createTextNode(text.slice(cursor, match.index)));
      nodes.push(el('a', { className: 'marker', href: `#source-${n}`, 'aria-label': `source ${n}`, text: `[${n}]` }));
      cursor = match.index + match[0].length;
    }
    if (cursor < text.length) nodes.push(document.createTextNode(text.slice(cursor)));
    return nodes;
  }

  function renderSource(citation, n, terms) {
    const lines = citation.startLine === citation.endLine ? `line ${citation.startLine}` : `lines ${citation.startLine}–${citation.endLine}`;
    return el('li', { id: `source-${n}`, className: 'source', tabindex: '-1' }, [
      el('div', { className: 'source-head' }, [
        el('span', { className: 'source-n', text: `[${n}]` }),
        el('span', { className: 'source-title', text: citation.title }),
      ]),
      el('p', { className: 'source-meta' }, [
        el('code', { className: 'source-file', text: citation.file }),
        ` · ${citation.date ?? 'undated'} · ${lines}`,
      ]),
      el('blockquote', { className: 'passage', lang: 'vi' }, highlight(citation.passage, terms)),
    ]);
  }

  function renderAnswer(answer) {
    const count = answer.citations.length;
    ui.result.hidden = false;
    ui.result.classList.toggle('abstained', answer.abstained);
    ui.flag.hidden = !answer.abstained;
    ui.answer.lang = answer.language === 'other' ? '' : answer.language;
    ui.answer.replaceChildren(...withMarkers(answer.answer, count));
    ui.notice.hidden = !answer.notice;
    ui.notice.textContent = answer.notice ?? '';
    const how = answer.abstained
      ? 'No source covers this'
      : `${answer.mode === 'generated' ? 'Written from the sources' : 'Quoted from the sources'} · ${count} source${count === 1 ? '' : 's'}`;
    ui.meta.textContent = `${how} · ${Math.round(answer.timingsMs.total)} ms`;
    const terms = questionTerms(answer.question);
    ui.sourcesHeading.hidden = count === 0;
    ui.sources.replaceChildren(...answer.citations.map((c, i) => renderSource(c, i + 1, terms)));
  }

  // A marker moves focus to its source too, so keyboard and screen-reader users land there as well.
  ui.answer.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a.marker') : null;
    if (!link) return;
    const target = document.getElementById(link.getAttribute('href').slice(1));
    if (target) requestAnimationFrame(() => target.focus({ preventScroll: true }));
  });

  let inFlight = null; // the AbortController of the question being answered

  async function ask(raw) {
    const question = raw.trim();
    if (!question) {
      setStatus('Type a question first.', 'error');
      return;
    }
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    pendingQuestion = null;
    ui.question.value = question;
    setStatus('Looking it up…', 'busy');
    try {
      const answer = await api('/api/ask', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question }),
        signal: controller.signal,
      });
      if (inFlight !== controller) return;
      // A new answer starts at the top: drop a #source-n left from the previous one, keep a shareable ?q=.
      history.replaceState(null, '', `${location.pathname}?q=${encodeURIComponent(question)}`);
      renderAnswer(answer);
      remember(question);
      setStatus('');
    } catch (error) {
      if (controller.signal.aborted) return;
      if (error instanceof ApiError && error.status === 401) {
        pendingQuestion = question;
        setStatus('Enter the access token to ask.', 'error');
      } else if (error instanceof ApiError && error.status === 429) {
        setStatus(`Too many questions: try again in ${error.retryAfter ?? 'a few'} s.`, 'error');
      } else if (error instanceof ApiError) {
        setStatus(error.message, 'error');
      } else {
        setStatus('The server could not be reached. Check the connection and try again.', 'error');
      }
    } finally {
      if (inFlight === controller) inFlight = null;
    }
  }

  ui.askForm.addEventListener('submit', (event) => {
    event.preventDefault();
    ask(ui.question.value);
  });

  // ---- recent questions (this browser only) --------------------------------------------------------------------

  function recentQuestions() {
    try {
      const list = JSON.parse(store.get(RECENT_KEY) ?? '[]');
      return Array.isArray(list) ? list.filter((q) => typeof q === 'string') : [];
    } catch {
      return [];
    }
  }

  function remember(question) {
    const list = [question, ...recentQuestions().filter((q) => q !== question)].slice(0, RECENT_MAX);
    store.set(RECENT_KEY, JSON.stringify(list));
    renderRecent();
  }

  function renderRecent() {
    const list = recentQuestions();
    ui.recentSection.hidden = list.length === 0;
    ui.recent.replaceChildren(
      ...list.map((question) => {
        const button = el('button', { type: 'button', className: 'link recent-q', text: question });
        button.addEventListener('click', () => ask(question));
        return el('li', {}, [button]);
      }),
    );
  }

  ui.recentClear.addEventListener('click', () => {
    store.set(RECENT_KEY, null);
    renderRecent();
  });

  // ---- documents -----------------------------------------------------------------------------------------------

  function renderDocument(doc) {
    const details = el('details', { className: 'document' }, [
      el('summary', {}, [
        el('span', { className: 'doc-title', text: doc.title }),
        el('span', { className: 'doc-meta' }, [
          el('code', { text: doc.file }),
          ` · ${doc.language} · ${doc.date ?? 'undated'} · ${doc.passageCount} passages`,
        ]),
      ]),
    ]);
    let loaded = false;
    details.addEventListener('toggle', async () => {
      if (!details.open || loaded) return;
      loaded = true;
      const body = el('blockquote', { className: 'passage', lang: 'vi', text: 'Loading…' });
      details.append(body);
      try {
        const { passage } = await api(`/api/passages/${encodeURIComponent(doc.file)}`);
        body.textContent = passage.text;
        details.append(el('p', { className: 'meta', text: `First passage, lines ${passage.startLine}–${passage.endLine}` }));
      } catch (error) {
        loaded = false;
        body.remove();
        details.append(el('p', { className: 'status error', text: error instanceof ApiError ? error.message : 'Could not load the passage.' }));
      }
    });
    return el('li', {}, [details]);
  }

  async function loadDocuments() {
    ui.documentsStatus.textContent = 'Loading…';
    try {
      const { documents } = await api('/api/documents');
      ui.documents.replaceChildren(...documents.map(renderDocument));
      ui.documentsStatus.textContent = `${documents.length} document${documents.length === 1 ? '' : 's'}`;
    } catch (error) {
      ui.documentsStatus.textContent =
        error instanceof ApiError && error.status === 401 ? 'Enter the access token to see the documents.' : 'The document list could not be loaded.';
    }
  }

  // ---- start ---------------------------------------------------------------------------------------------------

  ui.tokenForget.hidden = !store.get(TOKEN_KEY);
  renderRecent();
  loadDocuments();
  const initial = new URLSearchParams(location.search).get('q');
  if (initial) ask(initial);
})();
