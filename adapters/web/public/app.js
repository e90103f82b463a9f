// The lookup page: asks /api/ask, shows the fact and the cited answer with its sources (the answering sentence and the
// fact highlighted in each passage), copies a citation or a link to the question, lists the corpus, keeps recent
// questions. Everything from the server is inserted as text (textContent, text nodes), never as HTML.

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
    fact: $('answer-fact'),
    answer: $('answer'),
    copyLink: $('copy-link'),
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

  const isWordChar = (ch) => ch !== undefined && /[\p{L}\p{N}\p{M}]/u.test(ch);
  // Vietnamese is written a syllable a word: "Hàn Quốc" is two tokens, and "quốc" alone is a syllable of another word.
  const VIETNAMESE_LETTERS = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

  /**
   * The question's words. A question typed with diacritics matches them exactly ("quan" is not "quân"); one typed
   * without any ("han quoc", or English) matches passage words with or without them. `phrased` holds the words that
   * stand next to another of them in the question ("Hàn Quốc", "quan hệ ngoại giao").
   */
  function questionTerms(question) {
    const text = question.normalize('NFC').toLowerCase();
    const loose = fold(text) === text;
    const words = new Set();
    const phrased = new Set();
    let previous = null; // [key, end] of the last word kept
    for (const match of text.matchAll(WORD)) {
      const word = match[0];
      if (word.length < 2 || STOP_WORDS.has(fold(word))) {
        previous = null;
        continue;
      }
      const key = loose ? fold(word) : word;
      words.add(key);
      if (previous && /^[\s\-–]*$/.test(text.slice(previous[1], match.index))) {
        phrased.add(previous[0]);
        phrased.add(key);
      }
      previous = [key, match.index + word.length];
    }
    return { words, phrased, loose };
  }

  /**
   * The passage as nodes, the words of the question wrapped in <mark> (runs of them in one mark). In a Vietnamese
   * passage a lone syllable is not marked when the question has it inside a phrase: "quốc" of "Hàn Quốc" is not
   * marked in "quốc tế".
   */
  function highlightTerms(passage, terms, syllabic) {
    const text = passage.normalize('NFC');
    const runs = []; // { start, end, keys }
    for (const match of text.matchAll(WORD)) {
      const lower = match[0].toLowerCase();
      const key = terms.loose ? fold(lower) : lower;
      if (!terms.words.has(key)) continue;
      const start = match.index;
      const end = start + match[0].length;
      const last = runs.at(-1);
      if (last && /^[\s\-–]*$/.test(text.slice(last.end, start))) {
        last.end = end;
        last.keys.push(key);
      } else runs.push({ start, end, keys: [key] });
    }
    const kept = runs.filter((run) => !(syllabic && run.keys.length === 1 && terms.phrased.has(run.keys[0])));
    const nodes = [];
    let cursor = 0;
    for (const run of kept) {
      if (run.start > cursor) nodes.push(document.createTextNode(text.slice(cursor, run.start)));
      nodes.push(el('mark', { text: text.slice(run.start, run.end) }));
      cursor = run.end;
    }
    if (cursor < text.length) nodes.push(document.createTextNode(text.slice(cursor)));
    return nodes;
  }

  /**
   * The core's highlights of a passage, valid ones only, widened to whole words: a highlight that starts or ends
   * inside a word would mark a piece of it.
   */
  function wholeWordHighlights(passage, highlights) {
    const valid = [];
    for (const h of Array.isArray(highlights) ? highlights : []) {
      if (!h || (h.kind !== 'sentence' && h.kind !== 'fact')) continue;
      let start = Math.max(0, Math.min(passage.length, Number(h.start)));
      let end = Math.max(0, Math.min(passage.length, Number(h.end)));
      if (!Number.isInteger(start) || !Number.isInteger(end) || end <= start) continue;
      while (start > 0 && isWordChar(passage[start - 1]) && isWordChar(passage[start])) start -= 1;
      while (end < passage.length && isWordChar(passage[end - 1]) && isWordChar(passage[end])) end += 1;
      valid.push({ start, end, kind: h.kind });
    }
    return valid;
  }

  /** The passage as nodes with the answering sentence in <mark class="hl-sentence"> and the fact in <mark class="hl-fact">. */
  function highlightAnswer(passage, highlights) {
    const points = [...new Set([0, passage.length, ...highlights.flatMap((h) => [h.start, h.end])])].sort((a, b) => a - b);
    const nodes = [];
    let sentence = null; // the sentence mark being filled
    for (let i = 0; i + 1 < points.length; i++) {
      const [from, to] = [points[i], points[i + 1]];
      const within = (kind) => highlights.some((h) => h.kind === kind && h.start <= from && to <= h.end);
      const piece = within('fact')
        ? el('mark', { className: 'hl-fact', text: passage.slice(from, to) })
        : document.createTextNode(passage.slice(from, to));
      if (!within('sentence')) {
        sentence = null;
        nodes.push(piece);
        continue;
      }
      if (!sentence) {
        sentence = el('mark', { className: 'hl-sentence' });
        nodes.push(sentence);
      }
      sentence.append(piece);
    }
    return nodes;
  }

  /** A passage for display: the core's highlights when it gave some, the question's words otherwise. */
  function passageNodes(citation, terms) {
    const highlights = wholeWordHighlights(citation.passage, citation.highlights);
    if (highlights.length > 0) return highlightAnswer(citation.passage, highlights);
    const syllabic = citation.language ? citation.language === 'vi' : VIETNAMESE_LETTERS.test(citation.passage);
    return highlightTerms(citation.passage, terms, syllabic);
  }

  // ---- citations and copying -----------------------------------------------------------------------------------

  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  /** An ISO date as far as it is known: "5 Dec 2022" (day), "Dec 2022" (month), "2022" (year). */
  function displayDate(date, precision, yearInferred) {
    if (!date) return null;
    const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
    const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
    if (!match || (!month && precision !== 'year')) return date;
    if (precision === 'year') return match[1];
    if (precision === 'month') return `${month} ${match[1]}`;
    // The article gave no year with its day: the year is a guess.
    return `${Number(match[3])} ${month} ${match[1]}${yearInferred ? '?' : ''}`;
  }

  const lineRange = (c) => (c.startLine === c.endLine ? `line ${c.startLine}` : `lines ${c.startLine}–${c.endLine}`);
  /** Only web addresses become links: a corpus file could hold a javascript: URL. */
  const webUrl = (url) => (typeof url === 'string' && /^https?:\/\/[^\s]+$/i.test(url) ? url : null);

  /**
   * A citation as text to paste: title, publisher and date, where it is (URL, or file and lines), and the quote
   * (the answering sentence when the core marked one, else the passage).
   */
  function citationText(citation) {
    const sentence = wholeWordHighlights(citation.passage, citation.highlights).find((h) => h.kind === 'sentence');
    const quote = (sentence ? citation.passage.slice(sentence.start, sentence.end) : citation.passage).replace(/\s+/g, ' ').trim();
    const byline = [citation.publisher, displayDate(citation.date, citation.datePrecision, citation.dateYearInferred)].filter(Boolean).join(', ');
    const where = webUrl(citation.url) ?? `${citation.file}, ${lineRange(citation)}`;
    return [citation.title, byline, where, `“${quote}”`].filter(Boolean).join('\n');
  }

  /** Puts `text` on the clipboard: the Clipboard API where the page may use it, a selected textarea elsewhere (plain http). */
  async function copyText(text) {
    try {
      if (window.isSecureContext && navigator.clipboard) {
        await navigator.clipboard.writeText(text);
        return true;
      }
    } catch {
      /* refused: try the old way */
    }
    const area = el('textarea', { readonly: '', className: 'visually-hidden' });
    area.value = text;
    document.body.append(area);
    area.select();
    let copied = false;
    try {
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
    area.remove();
    return copied;
  }

  /** Copies on click and says so on the button for a moment. */
  function copyButton(button, label, textOf) {
    let timer = null;
    button.addEventListener('click', async () => {
      const copied = await copyText(textOf());
      button.textContent = copied ? 'Copied' : 'Could not copy';
      clearTimeout(timer);
      timer = setTimeout(() => (button.textContent = label), 2000);
    });
    return button;
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
    const url = webUrl(citation.url);
    const meta = [
      citation.publisher,
      displayDate(citation.date, citation.datePrecision, citation.dateYearInferred) ?? 'undated',
      lineRange(citation),
    ].filter(Boolean);
    const copy = copyButton(el('button', { type: 'button', className: 'small copy-citation', text: 'Copy citation' }), 'Copy citation', () =>
      citationText(citation),
    );
    return el('li', { id: `source-${n}`, className: 'source', tabindex: '-1' }, [
      el('div', { className: 'source-head' }, [
        el('span', { className: 'source-n', text: `[${n}]` }),
        url
          ? el('a', { className: 'source-title', href: url, rel: 'noopener noreferrer', target: '_blank', text: citation.title })
          : el('span', { className: 'source-title', text: citation.title }),
      ]),
      el('p', { className: 'source-meta' }, [el('code', { className: 'source-file', text: citation.file }), ` · ${meta.join(' · ')}`]),
      el(
        'blockquote',
        { className: 'passage', lang: citation.language && citation.language !== 'other' ? citation.language : 'vi' },
        passageNodes(citation, terms),
      ),
      el('div', { className: 'source-actions' }, [copy]),
    ]);
  }

  /** The fact in bold with its marker (a list: each item with its own), or nothing when the core found none. */
  function renderFact(answer) {
    const short = answer.abstained ? null : answer.short;
    ui.fact.hidden = !short;
    if (!short) return ui.fact.replaceChildren();
    const count = answer.citations.length;
    const items = short.kind === 'list' && Array.isArray(short.items) && short.items.length ? short.items : [short];
    const nodes = [];
    items.forEach((item, i) => {
      if (i > 0) nodes.push(document.createTextNode(', '));
      nodes.push(el('strong', { text: item.text }), document.createTextNode(' '), ...withMarkers(`[${item.citation}]`, count));
    });
    ui.fact.replaceChildren(...nodes);
  }

  /** The answer text without the "fact [n]" line the fact element shows. */
  function evidenceOf(answer) {
    const short = answer.abstained ? null : answer.short;
    const lead = short ? `${short.text} [${short.citation}]` : null;
    return lead && answer.answer.startsWith(lead) ? answer.answer.slice(lead.length).trimStart() : answer.answer;
  }

  let shownQuestion = null; // the question of the answer on the page, for "Copy link"

  function renderAnswer(answer) {
    const count = answer.citations.length;
    shownQuestion = answer.question;
    ui.result.hidden = false;
    ui.result.classList.toggle('abstained', answer.abstained);
    ui.flag.hidden = !answer.abstained;
    ui.answer.lang = answer.language === 'other' ? '' : answer.language;
    ui.fact.lang = ui.answer.lang;
    renderFact(answer);
    ui.answer.replaceChildren(...withMarkers(evidenceOf(answer), count));
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

  /** The address that asks `question` again when opened. */
  const questionLink = (question) => `${location.origin}${location.pathname}?q=${encodeURIComponent(question)}`;
  copyButton(ui.copyLink, 'Copy link', () => questionLink(shownQuestion ?? ui.question.value.trim()));

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
      history.replaceState(null, '', questionLink(question));
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
