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

static unsigned int ascii_flags[128];

static void init_tables(void) {
    int c;
    for (c = 0; c < 32; c++)
        if (c != '\t' && c != '\n' && c != '\f' && c != '\r') ascii_flags[c] = F_CONTROL;
    ascii_flags[127] = F_CONTROL;
    ascii_flags['&'] = F_AMP;
    ascii_flags[';'] = F_SEMI;
    ascii_flags['%'] = F_PERCENT;
    ascii_flags['['] = F_LBRACKET;
    ascii_flags['{'] = F_LBRACE;
    ascii_flags['<'] = F_LT;
    ascii_flags['@'] = F_AT;
    ascii_flags[')'] = F_RPAREN;
}

static inline int is_close(Py_UCS4 c) {
    return c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' ||
           c == ']';
}

static inline int is_apos(Py_UCS4 c) { return c == '\'' || c == 0x2019; }

#define SCAN_BODY(TYPE)                                                                    \
    {                                                                                      \
        const TYPE *s = (const TYPE *)data;                                                \
        for (i = 0; i < n; i++) {                                                          \
            Py_UCS4 c = s[i];                                                              \
            if (c < 128) {                                                                 \
                flags |= ascii_flags[c];                                                   \
            } else if (c <= 0x9f) {                                                        \
                flags |= F_CONTROL;                                                        \
            } else if (c >= 0xc0 && c <= 0xff) {                                           \
                flags |= F_LATIN1;                                                         \
            } else if (c == 0x200b || c == 0x200c || c == 0x200d || c == 0x2060) {         \
                flags |= F_ZERO_WIDTH;                                                     \
            } else if (c == 0xfeff) {                                                      \
                flags |= F_BOM;                                                            \
            } else if (c == 0x2581) {                                                      \
                flags |= F_SP_MARK;                                                        \
            }                                                                              \
            if (p1 == ' ') {                                                               \
                if (is_close(c)) flags |= F_SPACE_CLOSE;                                   \
                else if (c == '-') flags |= F_SPACE_HYPHEN;                                \
                else if (is_apos(c)) flags |= F_SPACE_APOS;                                \
                else if (c == '\n' || c == '\r') flags |= F_TRAILING_WS;                   \
            } else if (p1 == '\t') {                                                       \
                if (c == '\n' || c == '\r') flags |= F_TRAILING_WS;                        \
            } else if (p1 == '(' || p1 == '[') {                                           \
                if (c == ' ') flags |= F_OPEN_SPACE;                                       \
            } else if (p1 == '-') {                                                        \
                if (c == ' ') flags |= F_HYPHEN_SPACE;                                     \
            } else if (p1 == 'n' && p2 == ' ' && is_apos(c)) {                             \
                flags |= F_SPACE_N_APOS;                                                   \
            }                                                                              \
            if (c == '\n') {                                                               \
                newlines++;                                                                \
            } else if (c != ' ' && c != '\t') {                                            \
                if (newlines >= 3 || (newlines && !visible)) flags |= F_BLANKS;            \
                newlines = 0;                                                              \
                visible = 1;                                                               \
            }                                                                              \
            p2 = p1;                                                                       \
            p1 = c;                                                                        \
        }                                                                                  \
    }

static PyObject *scan(PyObject *self, PyObject *arg) {
    Py_ssize_t i, n, newlines = 0;
    Py_UCS4 p1 = 0, p2 = 0;
    unsigned int flags = 0;
    int visible = 0, kind;
    const void *data;
    (void)self;
    if (!PyUnicode_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "scan() expects str, got %.100s", Py_TYPE(arg)->tp_name);
        return NULL;
    }
    n = PyUnicode_GET_LENGTH(arg);
    kind = PyUnicode_KIND(arg);
    data = PyUnicode_DATA(arg);
    if (kind == PyUnicode_1BYTE_KIND) SCAN_BODY(Py_UCS1)
    else if (kind == PyUnicode_2BYTE_KIND) SCAN_BODY(Py_UCS2)
    else SCAN_BODY(Py_UCS4)
    if (p1 == ' ' || p1 == '\t') flags |= F_TRAILING_WS;
    if (newlines >= 2 || (newlines && !visible)) flags |= F_BLANKS;
    return PyLong_FromUnsignedLong(flags);
}

static PyMethodDef methods[] = {
    {"scan", scan, METH_O, "scan(text) -> int: the bit set of facts newsclean's gates ask for."},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_speedups",
                                    "Compiled helpers of newsclean (optional).", -1, methods};

PyMODINIT_FUNC PyInit__speedups(void) {
    init_tables();
    return PyModule_Create(&module);
}
