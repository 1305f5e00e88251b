/* newsclean._speedups: one pass over a text that tells which cleaners could have work.
 *
 * scan(text) returns a bit set of facts (see newsclean/_scan.py for their names and for the
 * pure-Python reference, which must agree bit for bit; a property test checks it). A pipeline
 * skips a cleaner whose gate bits are all clear, so clean text costs one pass here instead of
 * a dozen substring searches in Python. Optional: without a compiler, the reference is used.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

enum {
    F_AMP = 1 << 0,          /* & */
    F_SEMI = 1 << 1,         /* ; */
    F_PERCENT = 1 << 2,      /* % */
    F_LBRACKET = 1 << 3,     /* [ */
    F_LBRACE = 1 << 4,       /* { */
    F_LT = 1 << 5,           /* < */
    F_AT = 1 << 6,           /* @ */
    F_RPAREN = 1 << 7,       /* ) */
    F_CONTROL = 1 << 8,      /* C0 but \t \n \f \r; DEL; C1 */
    F_LATIN1 = 1 << 9,       /* U+00C0-U+00FF: every UTF-8-as-cp1252 mojibake has one */
    F_ZERO_WIDTH = 1 << 10,  /* U+200B, U+200C, U+200D, U+2060 */
    F_BOM = 1 << 11,         /* U+FEFF */
    F_SP_MARK = 1 << 12,     /* U+2581, SentencePiece's word marker */
    F_SPACE_CLOSE = 1 << 13, /* " ," " ." " ;" " :" " !" " ?" " )" " ]" */
    F_OPEN_SPACE = 1 << 14,  /* "( " "[ " */
    F_SPACE_HYPHEN = 1 << 15,/* " -" */
    F_HYPHEN_SPACE = 1 << 16,/* "- " */
    F_SPACE_APOS = 1 << 17,  /* " '" " ’" */
    F_SPACE_N_APOS = 1 << 18,/* " n'" " n’" */
    F_TRAILING_WS = 1 << 19, /* a space or tab before \n, \r or the end */
    F_BLANKS = 1 << 20       /* leading blank lines, two blank lines in a row, trailing ones */
};

/* The scan is a small automaton over character classes: per character, a lookup of its own
 * facts and class, then one of the facts and next state of (state, class). The state is the
 * previous class (for the pairs " ,", "( ", " -", " n'"...) crossed with the blank-line state
 * (line breaks since the last visible character, and whether one was seen). Tables cover the
 * whole BMP, so text with curly quotes (two bytes a character) takes no branch either. */
enum { C_OTHER, C_SPACE, C_TAB, C_NL, C_CR, C_CLOSE, C_OPEN, C_HYPHEN, C_APOS, C_N, NCLASS };
enum { P_SN = NCLASS, NPREV };                       /* pair states: the previous class, or " n" */
enum { B_START, B_LEAD, B_V0, B_V1, B_V2, NBLANK }; /* blank-line states */
#define NSTATE (NPREV * NBLANK)
#define NCHARS 65536

static unsigned int *char_flags;   /* [NCHARS] */
static unsigned char *char_class;  /* [NCHARS] */
static unsigned char next_state[NSTATE][NCLASS];
static unsigned int emit[NSTATE][NCLASS];
static unsigned int final_emit[NSTATE];

static unsigned int pair_emit(int prev, int cls) {
    if (prev == C_SPACE) {
        if (cls == C_CLOSE) return F_SPACE_CLOSE;
        if (cls == C_HYPHEN) return F_SPACE_HYPHEN;
        if (cls == C_APOS) return F_SPACE_APOS;
        if (cls == C_NL || cls == C_CR) return F_TRAILING_WS;
    }
    if (prev == C_TAB && (cls == C_NL || cls == C_CR)) return F_TRAILING_WS;
    if (prev == C_OPEN && cls == C_SPACE) return F_OPEN_SPACE;
    if (prev == C_HYPHEN && cls == C_SPACE) return F_HYPHEN_SPACE;
    if (prev == P_SN && cls == C_APOS) return F_SPACE_N_APOS;
    return 0;
}

static int blank_next(int b, int cls, unsigned int *out) {
    if (cls == C_NL) {
        if (b == B_START || b == B_LEAD) return B_LEAD;
        if (b == B_V0) return B_V1;
        if (b == B_V1) return B_V2;
        *out |= F_BLANKS; /* a third line break since the last visible character */
        return B_V2;
    }
    if (cls == C_SPACE || cls == C_TAB) return b;
    if (b == B_LEAD) *out |= F_BLANKS; /* a line break before the first visible character */
    return B_V0;
}

static unsigned int wide_flags(Py_UCS4 c) {
    if (c == 0x200b || c == 0x200c || c == 0x200d || c == 0x2060) return F_ZERO_WIDTH;
    if (c == 0xfeff) return F_BOM;
    if (c == 0x2581) return F_SP_MARK;
    return 0;
}

static int init_tables(void) {
    int c, p, b, k;
    char_flags = PyMem_Calloc(NCHARS, sizeof(unsigned int));
    char_class = PyMem_Calloc(NCHARS, 1);
    if (char_flags == NULL || char_class == NULL) return -1;
    for (c = 0; c < NCHARS; c++) {
        if ((c < 32 && c != '\t' && c != '\n' && c != '\f' && c != '\r') || (c >= 127 && c <= 0x9f))
            char_flags[c] = F_CONTROL;
        else if (c >= 0xc0 && c <= 0xff)
            char_flags[c] = F_LATIN1;
        else if (c > 0xff)
            char_flags[c] = wide_flags((Py_UCS4)c);
    }
    char_flags['&'] = F_AMP;
    char_flags[';'] = F_SEMI;
    char_flags['%'] = F_PERCENT;
    char_flags['['] = F_LBRACKET;
    char_flags['{'] = F_LBRACE;
    char_flags['<'] = F_LT;
    char_flags['@'] = F_AT;
    char_flags[')'] = F_RPAREN;
    char_class[' '] = C_SPACE;
    char_class['\t'] = C_TAB;
    char_class['\n'] = C_NL;
    char_class['\r'] = C_CR;
    for (k = 0; k < 8; k++) char_class[(unsigned char)",.;:!?)]"[k]] = C_CLOSE;
    char_class['('] = C_OPEN;
    char_class['['] = C_OPEN;
    char_class['-'] = C_HYPHEN;
    char_class['\''] = C_APOS;
    char_class[0x2019] = C_APOS;
    char_class['n'] = C_N;
    for (p = 0; p < NPREV; p++)
        for (b = 0; b < NBLANK; b++)
            for (k = 0; k < NCLASS; k++) {
                unsigned int out = pair_emit(p, k);
                int nb = blank_next(b, k, &out);
                int np = (p == C_SPACE && k == C_N) ? P_SN : k;
                next_state[b * NPREV + p][k] = (unsigned char)(nb * NPREV + np);
                emit[b * NPREV + p][k] = out;
            }
    for (p = 0; p < NPREV; p++)
        for (b = 0; b < NBLANK; b++)
            final_emit[b * NPREV + p] = ((p == C_SPACE || p == C_TAB) ? F_TRAILING_WS : 0) |
                                        ((b == B_LEAD || b == B_V2) ? F_BLANKS : 0);
    return 0;
}

#define STEP(c)                                                                            \
    {                                                                                      \
        int cls = char_class[c];                                                           \
        flags |= char_flags[c] | emit[state][cls];                                         \
        state = next_state[state][cls];                                                    \
    }

static PyObject *scan(PyObject *self, PyObject *arg) {
    Py_ssize_t i, n;
    unsigned int flags = 0;
    int state = B_START * NPREV + C_OTHER, kind;
    const void *data;
    (void)self;
    if (!PyUnicode_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "scan() expects str, got %.100s", Py_TYPE(arg)->tp_name);
        return NULL;
    }
    n = PyUnicode_GET_LENGTH(arg);
    kind = PyUnicode_KIND(arg);
    data = PyUnicode_DATA(arg);
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *s = data;
        for (i = 0; i < n; i++) STEP(s[i])
    } else if (kind == PyUnicode_2BYTE_KIND) {
        const Py_UCS2 *s = data;
        for (i = 0; i < n; i++) STEP(s[i])
    } else {
        const Py_UCS4 *s = data;
        for (i = 0; i < n; i++) {
            if (s[i] < NCHARS) STEP(s[i])
            else STEP('x') /* an astral character: no fact, class OTHER */
        }
    }
    flags |= final_emit[state];
    return PyLong_FromUnsignedLong(flags);
}

/* repeat_candidate(text): is some run of 1 to 20 ASCII letters followed, after 1 to 4 spaces
 * or tabs, by the same run (ASCII case ignored)? The gate of remove_repeated_words, whose
 * doubled words are all ASCII: a run holding any other letter is not a candidate. */
static inline int ascii_letter(Py_UCS4 c) { return c < 128 && ((c | 0x20) - 'a') < 26; }

#define REPEAT_BODY(TYPE)                                                                  \
    {                                                                                      \
        const TYPE *s = (const TYPE *)data;                                                \
        for (i = 0; i <= n; i++) {                                                         \
            Py_UCS4 c = i < n ? s[i] : ' ';                                                \
            if (ascii_letter(c)) {                                                         \
                if (start < 0) start = i, ascii = 1;                                       \
                continue;                                                                  \
            }                                                                              \
            if (c >= 128 && Py_UNICODE_ISALPHA(c)) {                                       \
                if (start < 0) start = i;                                                  \
                ascii = 0;                                                                 \
                continue;                                                                  \
            }                                                                              \
            if (start < 0) continue;                                                       \
            len = i - start;                                                               \
            if (ascii && len <= 20 && len == prev_len && prev_start >= 0) {                \
                Py_ssize_t gap = start - (prev_start + prev_len), k;                       \
                int same = gap >= 1 && gap <= 4;                                           \
                for (k = prev_start + prev_len; same && k < start; k++)                    \
                    same = s[k] == ' ' || s[k] == '\t';                                    \
                for (k = 0; same && k < len; k++)                                          \
                    same = (s[prev_start + k] | 0x20) == (s[start + k] | 0x20);            \
                if (same) Py_RETURN_TRUE;                                                  \
            }                                                                              \
            prev_start = ascii && len <= 20 ? start : -1;                                  \
            prev_len = len;                                                                \
            start = -1;                                                                    \
        }                                                                                  \
    }

static PyObject *repeat_candidate(PyObject *self, PyObject *arg) {
    Py_ssize_t i, n, start = -1, prev_start = -1, prev_len = 0, len;
    int ascii = 1, kind;
    const void *data;
    (void)self;
    if (!PyUnicode_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "repeat_candidate() expects str, got %.100s",
                     Py_TYPE(arg)->tp_name);
        return NULL;
    }
    n = PyUnicode_GET_LENGTH(arg);
    kind = PyUnicode_KIND(arg);
    data = PyUnicode_DATA(arg);
    if (kind == PyUnicode_1BYTE_KIND) REPEAT_BODY(Py_UCS1)
    else if (kind == PyUnicode_2BYTE_KIND) REPEAT_BODY(Py_UCS2)
    else REPEAT_BODY(Py_UCS4)
    Py_RETURN_FALSE;
}

static PyMethodDef methods[] = {
    {"scan", scan, METH_O, "scan(text) -> int: the bit set of facts newsclean's gates ask for."},
    {"repeat_candidate", repeat_candidate, METH_O,
     "repeat_candidate(text) -> bool: some ASCII word follows itself after spaces or tabs."},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_speedups",
                                    "Compiled helpers of newsclean (optional).", -1, methods};

PyMODINIT_FUNC PyInit__speedups(void) {
    if (init_tables() < 0) return PyErr_NoMemory();
    return PyModule_Create(&module);
}
