/* newsclean._speedups: one pass over a text that tells which cleaners could have work.
 *
 * scan(text) returns a bit set of facts (see newsclean/_scan.py for their names and for the
 * pure-Python reference, which must agree bit for bit; a property test checks it). A pipeline
 * skips a cleaner whose gate bits are all clear, so clean text costs one pass here instead of
 * a dozen substring searches in Python. Optional: without a compiler, the reference is used.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

/* The fact bits (F_*) and the limits both scans apply: generated from newsclean/_facts.py */
#include "_facts.h"

/* The scan is a small automaton over character classes: per character, a lookup of its own
 * facts and class, then one of the facts and next state of (state, class). The state is the
 * recent context (the previous class, or a few longer ones: " n", " a ", "An ", ". "...)
 * crossed with the blank-line state (line breaks since the last visible character, and
 * whether one was seen). Tables cover the whole BMP, so text with curly quotes (two bytes a
 * character) takes no branch either. */
enum {
    C_OTHER, C_SPACE, C_TAB, C_NL, C_CR, C_CLOSE, C_STOP, C_OPEN, C_HYPHEN, C_APOS, C_PERCENT,
    C_N,     /* n */
    C_LA,    /* a */
    C_UA,    /* A */
    C_LVOW,  /* e i o u */
    C_UVOW,  /* E I O */
    C_UU,    /* U: a vowel letter whose name is said "you" ("a UN", "a URL") */
    C_LCON,  /* the other lowercase ASCII letters */
    C_UCON,  /* the other capitals */
    C_UANL,  /* F H L M N R S X: consonants whose names start with a vowel ("an MP") */
    C_WIDE,  /* a word character beyond ASCII */
    NCLASS
};
/* Longer contexts, each standing on its last character's class (`base`). */
enum { P_SN = NCLASS, P_SA, P_SA_S, P_SAN, P_SAN_S, P_A_S, P_AN, P_AN_S,
       P_WQ,    /* a letter, an apostrophe */
       P_WQS,   /* then a space: "what' " */
       P_WQSC,  /* then a consonant: "what' s" */
       P_WQSCC, /* then a letter: "they' re" */
       P_WS,  /* a letter, a space */
       P_WSH, /* a letter, a space, a hyphen: "al -" */
       P_WH,  /* a letter, a hyphen */
       P_WHS, /* a letter, a hyphen, a space: "al- " */
       P_WSQ,   /* a letter, a space, an apostrophe: "Turkey '" */
       P_WSQC,  /* then a consonant: "Turkey 's" */
       P_WSQCC, /* then a letter: "they 're" */
       NPREV };
enum { B_START, B_LEAD, B_V0, B_V1, B_V2, NBLANK }; /* blank-line states */
#define NSTATE (NPREV * NBLANK)
#define NCHARS 65536

static unsigned int *char_flags;   /* [NCHARS] */
static unsigned char *char_class;  /* [NCHARS] */
static unsigned char *moj_class;   /* [NCHARS]: the MOJ_ bits of each character (see needles) */
enum { MOJ_LEAD = 1, MOJ_CONT = 2, MOJ_C1 = 4, MOJ_BEFORE_SPACE = 8, MOJ_BEFORE_LOSS = 16 };
/* One entry per (state, class): the facts it emits, packed (`pack`) into the high 16 bits,
 * and the next state's row offset (state * NCLASS) in the low 16, so a character costs one
 * dependent load from a table small enough for the L1 cache. */
static uint32_t trans[NSTATE * NCLASS];
static unsigned int final_emit[NSTATE];

/* The facts a transition can emit are PERCENT_CAP, the ten from SPACE_CLOSE to STOP_LOWER
 * (bits 13-22) and APOS_SPACE_LOWER: packed into 12 bits and back. */
static uint32_t pack(unsigned int out) {
    return ((out >> 13) & 0x3ff) | (out & F_PERCENT_CAP ? 0x400u : 0u) |
           (out & F_APOS_SPACE_LOWER ? 0x800u : 0u);
}
static unsigned int unpack(uint32_t code) {
    return ((code & 0x3ff) << 13) | (code & 0x400 ? (unsigned int)F_PERCENT_CAP : 0u) |
           (code & 0x800 ? (unsigned int)F_APOS_SPACE_LOWER : 0u);
}

static int base_of(int p) {
    static const int base[NPREV - NCLASS] = {C_N,     C_LA,    C_SPACE,  C_N,
                                              C_SPACE, C_SPACE, C_N,      C_SPACE,
                                              C_APOS,  C_SPACE, C_LCON,   C_LCON,
                                              C_SPACE, C_HYPHEN, C_HYPHEN, C_SPACE,
                                              C_APOS,  C_LCON,  C_LCON};
    return p < NCLASS ? p : base[p - NCLASS];
}

static int vowel(int k) { return k == C_LA || k == C_UA || k == C_LVOW || k == C_UVOW || k == C_UU; }
static int consonant(int k) { return k == C_N || k == C_LCON || k == C_UCON || k == C_UANL; }
static int letter(int k) { return vowel(k) || consonant(k) || k == C_WIDE; }
/* a letter then a space, whatever longer context the pair stands in (" a ", "An ") */
static int letter_space(int p) {
    return p == P_WS || p == P_SA_S || p == P_SAN_S || p == P_A_S || p == P_AN_S;
}

static unsigned int context_emit(int p, int k) {
    int b = base_of(p);
    unsigned int out = 0;
    if (b == C_SPACE) {
        if (k == C_CLOSE || k == C_STOP) out |= F_SPACE_CLOSE;
        if (k == C_NL || k == C_CR) out |= F_TRAILING_WS;
    }
    if (b == C_TAB && (k == C_NL || k == C_CR)) out |= F_TRAILING_WS;
    if (b == C_OPEN && k == C_SPACE) out |= F_OPEN_SPACE;
    /* a clitic split from its word ("Turkey 's", "isn 't", "they 're"): one or two letters
     * after the apostrophe, then no letter; or an elided name ("D 'Agata") */
    if (p == P_WSQ && (k == C_UA || k == C_UVOW || k == C_UU || k == C_UCON || k == C_UANL))
        out |= F_SPACE_APOS;
    if ((p == P_WSQC || p == P_WSQCC) && !letter(k) && k != C_APOS) out |= F_SPACE_APOS;
    if (p == P_WSH && letter(k)) out |= F_SPACE_HYPHEN;
    if (p == P_WHS && letter(k)) out |= F_HYPHEN_SPACE;
    if (b == C_PERCENT && (k == C_UCON || k == C_UANL)) out |= F_PERCENT_CAP;
    if (p == P_SN && k == C_APOS) out |= F_SPACE_N_APOS;
    if ((p == P_SA_S || p == P_A_S) && (vowel(k) || k == C_UANL)) out |= F_A_AN;
    if ((p == P_SAN_S || p == P_AN_S) && (consonant(k) || k == C_UU)) out |= F_A_AN;
    if ((p == P_WQSC || p == P_WQSCC) && !letter(k) && k != C_APOS) out |= F_APOS_SPACE_LOWER;
    return out;
}

static int context_next(int p, int k) {
    int b = base_of(p);
    if (p == P_SA && k == C_SPACE) return P_SA_S;
    if (p == P_SA && k == C_N) return P_SAN;
    if (p == P_SAN && k == C_SPACE) return P_SAN_S;
    if (p == C_UA && k == C_SPACE) return P_A_S;
    if (p == C_UA && k == C_N) return P_AN;
    if (p == P_AN && k == C_SPACE) return P_AN_S;
    if (p == P_WQ && k == C_SPACE) return P_WQS;
    if (p == P_WQS && k == C_LCON) return P_WQSC;
    if (p == P_WQSC && letter(k)) return P_WQSCC;
    if (b == C_SPACE && k == C_N) return P_SN;
    if (b == C_SPACE && k == C_LA) return P_SA;
    if (letter(b) && k == C_SPACE) return P_WS;
    if (letter(b) && k == C_HYPHEN) return P_WH;
    if (letter_space(p) && k == C_HYPHEN) return P_WSH;
    if (p == P_WH && k == C_SPACE) return P_WHS;
    if (letter_space(p) && k == C_APOS) return P_WSQ;
    if (letter(b) && k == C_APOS) return P_WQ;
    if (p == P_WSQ && k == C_LCON) return P_WSQC;
    if (p == P_WSQC && letter(k)) return P_WSQCC;
    return k;
}

static int blank_next(int b, int cls, unsigned int *out) {
    if (cls == C_NL) {
        if (b == B_START || b == B_LEAD) return B_LEAD;
        if (b == B_V0) return B_V1;
        if (b == B_V1) return B_V2;
        *out |= F_BLANKS; /* a third line break since the last visible character */
        return B_V2;
    }
    if (cls == C_SPACE || cls == C_TAB || cls == C_CR) return b; /* CRLF blank lines too */
    if (b == B_LEAD) *out |= F_BLANKS; /* a line break before the first visible character */
    return B_V0;
}

static unsigned int wide_flags(Py_UCS4 c) {
    if (c == 0x200b || c == 0x200c || c == 0x200d || c == 0x2060) return F_ZERO_WIDTH;
    if (c == 0xfeff) return F_BOM;
    if (c == 0x2581) return F_SP_MARK;
    return 0;
}

static int wide_class(Py_UCS4 c) {
    if (c == 0x2019) return C_APOS;
    return Py_UNICODE_ISALNUM(c) ? C_WIDE : C_OTHER;
}

static void set_class(const char *chars, int cls) {
    for (; *chars; chars++) char_class[(unsigned char)*chars] = (unsigned char)cls;
}

static int init_tables(void) {
    int c, p, b, k;
    char_flags = PyMem_Calloc(NCHARS, sizeof(unsigned int));
    char_class = PyMem_Calloc(NCHARS, 1);
    moj_class = PyMem_Calloc(NCHARS, 1);
    if (char_flags == NULL || char_class == NULL || moj_class == NULL) return -1;
    for (c = 0; c < NCHARS; c++) {
        if ((c < 32 && c != '\t' && c != '\n' && c != '\f' && c != '\r') || (c >= 127 && c <= 0x9f))
            char_flags[c] = F_CONTROL;
        else if (c > 0xff)
            char_flags[c] = wide_flags((Py_UCS4)c);
        if (c >= 128) char_class[c] = (unsigned char)wide_class((Py_UCS4)c);
    }
    char_flags['&'] = F_AMP;
    char_flags[';'] = F_SEMI;
    char_flags['['] = F_LBRACKET;
    char_flags['{'] = F_LBRACE;
    char_flags['<'] = F_LT;
    char_flags['@'] = F_AT;
    set_class("bcdfghjklmpqrstvwxyz", C_LCON);
    set_class("BCDGJKPQTVWYZ", C_UCON);
    set_class("FHLMNRSX", C_UANL);
    set_class("eiou", C_LVOW);
    set_class("EIO", C_UVOW);
    set_class("U", C_UU);
    set_class("a", C_LA);
    set_class("A", C_UA);
    set_class("n", C_N);
    set_class(" ", C_SPACE);
    set_class("\t", C_TAB);
    set_class("\n", C_NL);
    set_class("\r", C_CR);
    set_class(",;:)]", C_CLOSE);
    set_class(".!?", C_STOP);
    set_class("([", C_OPEN);
    set_class("-", C_HYPHEN);
    set_class("%", C_PERCENT);
    set_class("'", C_APOS);
    for (p = 0; p < NPREV; p++)
        for (b = 0; b < NBLANK; b++)
            for (k = 0; k < NCLASS; k++) {
                unsigned int out = context_emit(p, k);
                int nb = blank_next(b, k, &out);
                uint32_t next = (uint32_t)(nb * NPREV + context_next(p, k)) * NCLASS;
                trans[(b * NPREV + p) * NCLASS + k] = (pack(out) << 16) | next;
            }
    for (p = 0; p < NPREV; p++)
        for (b = 0; b < NBLANK; b++)
            final_emit[b * NPREV + p] =
                ((base_of(p) == C_SPACE || base_of(p) == C_TAB) ? F_TRAILING_WS : 0) |
                ((b == B_LEAD || b == B_V2) ? F_BLANKS : 0) |
                ((p == P_WSQC || p == P_WSQCC) ? F_SPACE_APOS : 0) | /* "Turkey 's" ends it */
                ((p == P_WQSC || p == P_WQSCC) ? F_APOS_SPACE_LOWER : 0);
    return 0;
}

#define STEP(cflags, cls, row, acc)                                                        \
    {                                                                                      \
        uint32_t t_ = trans[(row) + (cls)];                                                \
        flags |= (cflags);                                                                 \
        acc |= t_;                                                                         \
        row = t_ & 0xffff;                                                                 \
    }

/* Line facts, from a second walk that visits each line once: the gates of the lead-in and
 * duplicate-paragraph cleaners. Two lines count as alike when their length and their first
 * and last eight characters are equal (hashed into a small table): a superset of equal lines,
 * which the cleaner then checks. Past MAX_LINES non-empty lines the fact is simply set, so the
 * walk stays linear. */
#define LINE_SLOTS 1024

typedef struct {
    Py_ssize_t start, len;
    uint64_t key;
    uint64_t scan; /* the scan that filled the slot: older slots count as empty */
} LineSlot;

static Py_ssize_t next_newline(int kind, const void *data, Py_ssize_t i, Py_ssize_t n) {
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *s = data;
        const Py_UCS1 *hit = memchr(s + i, '\n', (size_t)(n - i));
        return hit ? hit - s : n;
    }
    if (kind == PyUnicode_2BYTE_KIND) {
        /* Four characters a step: a 16-bit lane is zero after the XOR exactly when that
         * character is a line break (the classic has-zero test, per lane). */
        const Py_UCS2 *s = data;
        const uint64_t ones = 0x0001000100010001ULL, highs = 0x8000800080008000ULL;
        for (; i + 4 <= n; i += 4) {
            uint64_t w;
            memcpy(&w, s + i, sizeof w);
            w ^= ones * '\n';
            if ((w - ones) & ~w & highs) break;
        }
        for (; i < n && s[i] != '\n'; i++) {
        }
        return i;
    }
    for (; i < n && ((const Py_UCS4 *)data)[i] != '\n'; i++) {
    }
    return i;
}

static uint64_t line_key(int kind, const void *data, Py_ssize_t start, Py_ssize_t len) {
    uint64_t h = 1469598103934665603ULL ^ (uint64_t)len;
    Py_ssize_t k, head = len < 8 ? len : 8;
    for (k = 0; k < head; k++) h = (h ^ PyUnicode_READ(kind, data, start + k)) * 1099511628211ULL;
    for (k = len - head; k < len; k++)
        h = (h ^ PyUnicode_READ(kind, data, start + k)) * 1099511628211ULL;
    return h;
}

/* Same length, same first eight and last eight characters: at most 16 comparisons, so a
 * crafted text of lines alike at both ends cannot make the walk slow. */
static int same_ends(int kind, const void *data, Py_ssize_t a, Py_ssize_t b, Py_ssize_t len) {
    Py_ssize_t k, head = len < 8 ? len : 8;
    for (k = 0; k < head; k++)
        if (PyUnicode_READ(kind, data, a + k) != PyUnicode_READ(kind, data, b + k)) return 0;
    for (k = len - head; k < len; k++)
        if (PyUnicode_READ(kind, data, a + k) != PyUnicode_READ(kind, data, b + k)) return 0;
    return 1;
}

static int starts_with(int kind, const void *data, Py_ssize_t at, Py_ssize_t end,
                       const char *ascii) {
    for (; *ascii; ascii++, at++)
        if (at >= end || PyUnicode_READ(kind, data, at) != (Py_UCS4)(unsigned char)*ascii) return 0;
    return 1;
}

/* Does the text at k begin with one of the NULL-ended words (a list of _facts.h)? */
static int starts_with_any(int kind, const void *data, Py_ssize_t k, Py_ssize_t end,
                           const char *const *words) {
    for (; *words; words++)
        if (starts_with(kind, data, k, end, *words)) return 1;
    return 0;
}

static int credit_shaped(int kind, const void *data, Py_ssize_t start, Py_ssize_t end) {
    Py_ssize_t k;
    for (k = start; k + 1 < end; k++) {
        if (PyUnicode_READ(kind, data, k) == '/') {
            Py_UCS4 c = PyUnicode_READ(kind, data, k + 1);
            if ((c >= 'A' && c <= 'Z') || c == 'd') return 1;
        }
    }
    for (k = start; k < end && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k)); k++) {
    }
    return (k < end && PyUnicode_READ(kind, data, k) == '(') ||
           starts_with_any(kind, data, k, end, CREDIT_WORDS);
}

/* Does the line end (after at most two white space characters) in a parenthesis that a photo
 * credit could fill: from the last "(" (within 160 characters) to the ")", only letters, white
 * space and . ' ’ - / & :, the first a capital, "v" (via) or "d" (dpa)? */
static int credit_paren_end(int kind, const void *data, Py_ssize_t start, Py_ssize_t end) {
    Py_ssize_t k, close = -1;
    for (k = end - 1; k >= start && k >= end - 3; k--) {
        Py_UCS4 c = PyUnicode_READ(kind, data, k);
        if (Py_UNICODE_ISSPACE(c)) continue;
        if (c == ')') close = k;
        break;
    }
    if (close < 0) return 0;
    for (k = close - 1; k >= start && k >= end - 160; k--) {
        Py_UCS4 c = PyUnicode_READ(kind, data, k);
        if (c == '(') {
            Py_UCS4 first = k + 1 < close ? PyUnicode_READ(kind, data, k + 1) : ')';
            return Py_UNICODE_ISUPPER(first) || first == 'v' || first == 'd';
        }
        if (!(Py_UNICODE_ISALPHA(c) || Py_UNICODE_ISSPACE(c) || c == '.' || c == '\'' ||
              c == 0x2019 || c == '-' || c == '/' || c == '&' || c == ':'))
            return 0;
    }
    return 0;
}

/* A line of 2 to 120 characters that begins (after spaces and tabs) with "On ": where a promo
 * "On <site>: <headline>" can stand */
static int on_line(int kind, const void *data, Py_ssize_t start, Py_ssize_t end) {
    Py_ssize_t k = start;
    if (end - start < LINE_LEN_MIN || end - start > LINE_LEN_MAX) return 0;
    while (k < end && (PyUnicode_READ(kind, data, k) == ' ' || PyUnicode_READ(kind, data, k) == '\t'))
        k++;
    return starts_with(kind, data, k, end, "On ");
}

/* The line, stripped of white space, ends as a sentence: . ! or ?, then maybe a closing quote
 * or parenthesis. Gives its stripped bounds. */
static int prose_end(int kind, const void *data, Py_ssize_t *start, Py_ssize_t *end) {
    Py_UCS4 c;
    while (*start < *end && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, *start))) (*start)++;
    while (*end > *start && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, *end - 1))) (*end)--;
    if (*end <= *start) return 0;
    c = PyUnicode_READ(kind, data, *end - 1);
    if (c == '"' || c == 0x201d || c == 0x2019 || c == ')') {
        if (*end - 1 <= *start) return 0;
        c = PyUnicode_READ(kind, data, *end - 2);
    }
    return c == '.' || c == '!' || c == '?';
}

/* A line of 6 to 12 ASCII digits between spaces or tabs (and a CR): a photo's asset id; or a
 * line that opens (after spaces and tabs) as a gallery counter does: a word of COUNTER_WORDS,
 * or 1 to 3 digits and " of " */
static int furniture_line(int kind, const void *data, Py_ssize_t start, Py_ssize_t end) {
    Py_ssize_t k = start, digits;
    while (k < end && (PyUnicode_READ(kind, data, k) == ' ' || PyUnicode_READ(kind, data, k) == '\t'))
        k++;
    if (starts_with_any(kind, data, k, end, COUNTER_WORDS)) return 1;
    for (digits = 0; k < end; k++, digits++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, k);
        if (c < '0' || c > '9') break;
    }
    if (digits >= 1 && digits <= 3 && starts_with(kind, data, k, end, " of ")) return 1;
    if (end > start && PyUnicode_READ(kind, data, end - 1) == '\r') end--;
    while (k < end && (PyUnicode_READ(kind, data, k) == ' ' || PyUnicode_READ(kind, data, k) == '\t'))
        k++;
    return k == end && digits >= 6 && digits <= 12;
}

/* Line heads: lower-case ASCII phrases (single spaces) that a line may begin with, after any
 * white space and bullet characters. Letters match either case (and i, k also match U+0130
 * and U+212A, whose lower case is i and k), a space matches a run of white space, and \x01
 * (HEAD_END) the rest of the line if it is only white space and skip characters. Set once
 * from Python (newsclean._scan), which keeps the list; empty until then. */
#define HEAD_END 1
static char heads[MAX_HEADS][MAX_HEAD_LEN + 1];
static int nheads;
static Py_UCS4 skip_chars[MAX_SKIP];
static int nskip;
/* The heads by their first character (folded as head_at folds): head_order[heads_from[c] ..
 * heads_to[c]) are the heads that begin with c, so a line is compared with those only. */
static int head_order[MAX_HEADS], heads_from[128], heads_to[128];

static int skipped(Py_UCS4 c) {
    int k;
    if (Py_UNICODE_ISSPACE(c)) return 1;
    for (k = 0; k < nskip; k++)
        if (skip_chars[k] == c) return 1;
    return 0;
}

static int head_at(int kind, const void *data, Py_ssize_t at, Py_ssize_t end, const char *head) {
    for (; *head; head++) {
        unsigned char h = (unsigned char)*head;
        Py_UCS4 c;
        if (h == HEAD_END) { /* the line's end, after only white space and skip characters */
            for (; at < end; at++)
                if (!skipped(PyUnicode_READ(kind, data, at))) return 0;
            return 1;
        }
        if (h == ' ') {
            if (at >= end || !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, at))) return 0;
            while (at < end && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, at))) at++;
            continue;
        }
        if (at >= end) return 0;
        c = PyUnicode_READ(kind, data, at++);
        if (h >= 'a' && h <= 'z') {
            if (c < 128 ? (c | 0x20) != h : !((c == 0x130 && h == 'i') || (c == 0x212a && h == 'k')))
                return 0;
        } else if (c != h) {
            return 0;
        }
    }
    return 1;
}

static int head_line(int kind, const void *data, Py_ssize_t start, Py_ssize_t end) {
    Py_UCS4 c;
    int k, first;
    while (start < end && skipped(PyUnicode_READ(kind, data, start))) start++;
    if (start >= end) return 0; /* heads are never empty */
    c = PyUnicode_READ(kind, data, start);
    /* the head's first character, as head_at folds: a letter either case; beyond ASCII only
     * U+0130 and U+212A match (as i and k); anything else exactly */
    if (c < 128)
        first = ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ? (int)(c | 0x20) : (int)c;
    else if (c == 0x130)
        first = 'i';
    else if (c == 0x212a)
        first = 'k';
    else
        return 0;
    for (k = heads_from[first]; k < heads_to[first]; k++) /* only heads that begin so */
        if (head_at(kind, data, start, end, heads[head_order[k]])) return 1;
    return 0;
}

static PyObject *set_line_heads(PyObject *self, PyObject *args) {
    PyObject *seq, *skip;
    Py_ssize_t i, n, len;
    (void)self;
    if (!PyArg_ParseTuple(args, "OU", &seq, &skip)) return NULL;
    seq = PySequence_Fast(seq, "set_line_heads() expects a sequence of str");
    if (seq == NULL) return NULL;
    n = PySequence_Fast_GET_SIZE(seq);
    if (n > MAX_HEADS || PyUnicode_GET_LENGTH(skip) > MAX_SKIP) {
        Py_DECREF(seq);
        return PyErr_Format(PyExc_ValueError, "at most %d heads and %d skip characters",
                            MAX_HEADS, MAX_SKIP);
    }
    for (i = 0; i < n; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(seq, i);
        const char *ascii;
        if (!PyUnicode_Check(item) || !PyUnicode_IS_ASCII(item) ||
            PyUnicode_GET_LENGTH(item) > MAX_HEAD_LEN) {
            Py_DECREF(seq);
            return PyErr_Format(PyExc_ValueError, "heads must be ASCII str of at most %d characters",
                                MAX_HEAD_LEN);
        }
        ascii = PyUnicode_AsUTF8AndSize(item, &len);
        if (ascii == NULL) {
            Py_DECREF(seq);
            return NULL;
        }
        memcpy(heads[i], ascii, (size_t)len + 1);
    }
    nheads = (int)n;
    {
        int c, filled = 0;
        for (c = 0; c < 128; c++) {
            heads_from[c] = filled;
            for (i = 0; i < n; i++)
                if ((unsigned char)heads[i][0] == c) head_order[filled++] = (int)i;
            heads_to[c] = filled;
        }
    }
    nskip = (int)PyUnicode_GET_LENGTH(skip);
    for (i = 0; i < nskip; i++) skip_chars[i] = PyUnicode_READ_CHAR(skip, i);
    Py_DECREF(seq);
    Py_RETURN_NONE;
}

/* set_char_facts(chars, facts): or the facts into each character's own facts (characters
 * beyond the BMP are ignored: no fact is asked of them). */
static PyObject *set_char_facts(PyObject *self, PyObject *args) {
    PyObject *chars;
    unsigned int facts;
    Py_ssize_t i, n;
    (void)self;
    if (!PyArg_ParseTuple(args, "UI", &chars, &facts)) return NULL;
    n = PyUnicode_GET_LENGTH(chars);
    for (i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ_CHAR(chars, i);
        if (c < NCHARS) char_flags[c] |= facts;
    }
    Py_RETURN_NONE;
}

static unsigned long long line_facts(int kind, const void *data, Py_ssize_t n) {
    static LineSlot slots[LINE_SLOTS]; /* the GIL is held: one scan at a time */
    static uint64_t scans;             /* numbers the scans, so no clearing between them */
    unsigned long long flags = 0;
    Py_ssize_t start = 0, lines = 0, k;
    int visible_before = 0; /* the line before has a character other than white space */
    scans++;
    for (;;) {
        Py_ssize_t end = next_newline(kind, data, start, n), len = end - start;
        if (len >= LINE_LEN_MIN && len <= LINE_LEN_MAX && !(flags & F_CREDIT_LINE) &&
            credit_shaped(kind, data, start, end))
            flags |= F_CREDIT_LINE;
        if (len >= LINE_LEN_MIN && len <= LINE_LEN_MAX && !(flags & F_HEAD_LINE) && head_line(kind, data, start, end))
            flags |= F_HEAD_LINE;
        if (start > 0 && visible_before && !(flags & F_PAREN_END) &&
            credit_paren_end(kind, data, start, end))
            flags |= F_PAREN_END;
        if (!(flags & F_FURNITURE) && furniture_line(kind, data, start, end))
            flags |= F_FURNITURE;
        if (!(flags & F_ON_LINE) && on_line(kind, data, start, end)) flags |= F_ON_LINE;
        {
            Py_ssize_t a = start, b = end;
            if (!(flags & F_DUP_LINE) && prose_end(kind, data, &a, &b)) {
                Py_ssize_t klen = b - a;
                if (++lines > MAX_LINES) {
                    flags |= F_DUP_LINE;
                } else {
                    uint64_t key = line_key(kind, data, a, klen);
                    size_t slot = (size_t)(key % LINE_SLOTS);
                    int alike = 0;
                    while (slots[slot].scan == scans) {
                        if (slots[slot].key == key && slots[slot].len == klen &&
                            same_ends(kind, data, slots[slot].start, a, klen)) {
                            alike = 1; /* counted once: it is in the table already */
                            break;
                        }
                        slot = (slot + 1) % LINE_SLOTS;
                    }
                    if (alike) {
                        /* a repeat a paragraph could be: 8 words (7 spaces) or more */
                        Py_ssize_t spaces = 0;
                        for (k = a; k < b && spaces < 7; k++)
                            spaces += PyUnicode_READ(kind, data, k) == ' ';
                        if (spaces >= 7) flags |= F_DUP_LINE;
                    } else {
                        slots[slot].start = a;
                        slots[slot].len = klen;
                        slots[slot].key = key;
                        slots[slot].scan = scans;
                    }
                }
            }
        }
        visible_before = 0;
        for (k = start; k < end && !visible_before; k++)
            visible_before = !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k));
        if (end >= n) return flags;
        start = end + 1;
    }
}

/* Literal clues (set_needles): a fact holds when one of its strings occurs in the text, case
 * counted; a string marked to begin the text must begin it (after spaces and tabs), one marked
 * to end it must end it. Other strings have two characters or more, so one pass reads each
 * pair of neighbours once: a bit per pair of low bytes says whether some string holds that pair
 * at its key offset (a rare pair of it, chosen by the caller), and only then are the strings
 * keyed by that character compared where they would begin. The same pass tells mojibake
 * (set_mojibake): a character a UTF-8 lead byte becomes in a codepage mix-up, followed by one
 * a continuation byte becomes (or a C1 control), where ftfy's repair has bytes to decode. */
enum { ANCHOR_NONE, ANCHOR_START, ANCHOR_END };

typedef struct {
    Py_UCS4 chars[MAX_NEEDLE_LEN];
    Py_ssize_t len, offset; /* offset: where its key pair stands */
    int anchor;
    unsigned long long fact;
} Needle;

static Needle needles[MAX_NEEDLES];
static int nneedles;
static short bucket_head[256];          /* the first floating string of each key low byte */
static short bucket_next[MAX_NEEDLES];  /* the next one of the same key low byte */
static unsigned char pair_bits[8192];   /* 65536 pairs of low bytes */
static unsigned long long floating_facts, anchored_facts;
static unsigned int mojibake_fact;

#define PAIR_KEY(a, b) ((((a) & 0xffu) << 8) | ((b) & 0xffu))

static PyObject *set_needles(PyObject *self, PyObject *args) {
    PyObject *seq;
    unsigned long long fact;
    int anchor;
    Py_ssize_t i, n, offset;
    (void)self;
    if (!PyArg_ParseTuple(args, "OiKn", &seq, &anchor, &fact, &offset)) return NULL;
    seq = PySequence_Fast(seq, "set_needles() expects a sequence of str");
    if (seq == NULL) return NULL;
    n = PySequence_Fast_GET_SIZE(seq);
    if (anchor < ANCHOR_NONE || anchor > ANCHOR_END || nneedles + n > MAX_NEEDLES) {
        Py_DECREF(seq);
        return PyErr_Format(PyExc_ValueError, "at most %d needles, anchor 0, 1 or 2", MAX_NEEDLES);
    }
    for (i = 0; i < n; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(seq, i);
        Needle *nd = &needles[nneedles];
        Py_ssize_t k, len;
        if (!PyUnicode_Check(item) || (len = PyUnicode_GET_LENGTH(item)) < 1 ||
            (anchor == ANCHOR_NONE && (offset < 0 || offset + (len > 1 ? 2 : 1) > len)) ||
            len > MAX_NEEDLE_LEN) {
            Py_DECREF(seq);
            return PyErr_Format(PyExc_ValueError,
                                "needles are str of 2 to %d characters (1 if anchored), "
                                "with a pair at the offset",
                                MAX_NEEDLE_LEN);
        }
        for (k = 0; k < len; k++) nd->chars[k] = PyUnicode_READ_CHAR(item, k);
        nd->len = len;
        nd->offset = anchor == ANCHOR_NONE ? offset : 0;
        nd->anchor = anchor;
        nd->fact = fact;
        if (anchor == ANCHOR_NONE) {
            unsigned int b, key = PAIR_KEY(nd->chars[offset], len > 1 ? nd->chars[offset + 1] : 0);
            pair_bits[key >> 3] |= (unsigned char)(1u << (key & 7));
            for (b = 0; len == 1 && b < 256; b++) { /* one character: every pair it begins */
                key = PAIR_KEY(nd->chars[0], b);
                pair_bits[key >> 3] |= (unsigned char)(1u << (key & 7));
            }
            bucket_next[nneedles] = bucket_head[nd->chars[offset] & 0xff];
            bucket_head[nd->chars[offset] & 0xff] = (short)nneedles;
            floating_facts |= fact;
        } else {
            anchored_facts |= fact;
        }
        nneedles++;
    }
    Py_DECREF(seq);
    Py_RETURN_NONE;
}

/* set_mojibake(leads, continuations, before_space, before_loss, fact) */
static int mark_chars(PyObject *chars, unsigned char bit) {
    Py_ssize_t i;
    for (i = 0; i < PyUnicode_GET_LENGTH(chars); i++) {
        Py_UCS4 c = PyUnicode_READ_CHAR(chars, i);
        if (c < NCHARS) moj_class[c] |= bit;
    }
    return 0;
}

static PyObject *set_mojibake(PyObject *self, PyObject *args) {
    PyObject *leads, *conts, *before_space, *before_loss;
    int c;
    (void)self;
    if (!PyArg_ParseTuple(args, "UUUUI", &leads, &conts, &before_space, &before_loss,
                          &mojibake_fact))
        return NULL;
    mark_chars(leads, MOJ_LEAD);
    mark_chars(conts, MOJ_CONT);
    mark_chars(before_space, MOJ_BEFORE_SPACE);
    mark_chars(before_loss, MOJ_BEFORE_LOSS);
    for (c = 0x80; c < 0xa0; c++) moj_class[c] |= MOJ_C1;
    moj_class[0x1a] |= MOJ_C1; /* SUBSTITUTE, which ftfy reads as a lost byte anywhere */
    for (c = 0; c < 256; c++) { /* the needle pass looks closer at every pair 0x1A begins */
        unsigned int key = PAIR_KEY(0x1au, (unsigned int)c);
        pair_bits[key >> 3] |= (unsigned char)(1u << (key & 7));
    }
    Py_RETURN_NONE;
}

/* A C1 control (or SUBSTITUTE); a lead before a continuation, or before a space or "?" that
 * may stand for a lost byte */
#define MOJ_HIT(a, b)                                                                      \
    ((a) < NCHARS &&                                                                       \
     ((moj_class[a] & MOJ_C1) ||                                                           \
      ((b) < NCHARS && (moj_class[b] & MOJ_CONT) && (moj_class[a] & MOJ_LEAD)) ||          \
      ((b) == ' ' && (moj_class[a] & MOJ_BEFORE_SPACE)) ||                                 \
      ((b) == '?' && (moj_class[a] & MOJ_BEFORE_LOSS))))

static int needle_at(int kind, const void *data, Py_ssize_t at, Py_ssize_t n, const Needle *nd) {
    Py_ssize_t k;
    if (at < 0 || at + nd->len > n) return 0;
    for (k = 0; k < nd->len; k++)
        if (PyUnicode_READ(kind, data, at + k) != nd->chars[k]) return 0;
    return 1;
}

/* A word of 3 to 20 letters (not A-Z, digits or _) and a full stop at ``at``: with the ". "
 * before it, a one-word fragment (STOP_LOWER) */
static int fragment_at(int kind, const void *data, Py_ssize_t at, Py_ssize_t n) {
    Py_ssize_t k;
    for (k = at; k < n && k - at <= 20; k++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, k);
        if (!((c >= 'a' && c <= 'z') ||
              (c >= 128 && Py_UNICODE_ISALNUM(c) && !Py_UNICODE_ISDECIMAL(c))))
            break;
    }
    return k - at >= 3 && k - at <= 20 && k < n && PyUnicode_READ(kind, data, k) == '.';
}

/* Marks the pairs the needle pass always looks closer at: a sentence end and a space */
static void init_needles(void) {
    static const char stops[] = ".!?";
    int j;
    memset(bucket_head, -1, sizeof bucket_head);
    for (j = 0; stops[j]; j++) {
        unsigned int key = PAIR_KEY((unsigned int)stops[j], (unsigned int)' ');
        pair_bits[key >> 3] |= (unsigned char)(1u << (key & 7));
    }
}

#define PAIR_BIT(a, b) (pair_bits[PAIR_KEY(a, b) >> 3] & (1u << (PAIR_KEY(a, b) & 7)))

/* Four positions a step with one branch: most text has no needle pair and no character
 * beyond ASCII (which any mojibake begins with; 0x1A has its pairs set), and the four table
 * loads overlap. A step with either goes through the positions one by one. */
#define NEEDLE_BODY(TYPE)                                                                  \
    {                                                                                      \
        const TYPE *s = (const TYPE *)data;                                                \
        for (i = 0; i + 1 < n;) {                                                          \
            if (i + 4 < n) {                                                               \
                Py_UCS4 c0 = s[i], c1 = s[i + 1], c2 = s[i + 2], c3 = s[i + 3], c4 = s[i + 4]; \
                if (!(PAIR_BIT(c0, c1) | PAIR_BIT(c1, c2) | PAIR_BIT(c2, c3) |             \
                      PAIR_BIT(c3, c4)) &&                                                 \
                    !((c0 | c1 | c2 | c3) & ~(Py_UCS4)0x7f)) {                             \
                    i += 4;                                                                \
                    continue;                                                              \
                }                                                                          \
            }                                                                              \
            for (stop = i + 4 < n - 1 ? i + 4 : n - 1; i < stop; i++) {                    \
                Py_UCS4 a = s[i], b = s[i + 1];                                            \
                if (a >= 0x80 && check_moj && MOJ_HIT(a, b)) {                             \
                    found |= mojibake_fact;                                                \
                    check_moj = 0;                                                         \
                }                                                                          \
                if (!PAIR_BIT(a, b)) continue;                                             \
                if (check_moj && MOJ_HIT(a, b)) { /* 0x1A */                               \
                    found |= mojibake_fact;                                                \
                    check_moj = 0;                                                         \
                }                                                                          \
                if (b == ' ' && (a == '.' || a == '!' || a == '?') &&                      \
                    !(found & F_STOP_LOWER) && fragment_at(kind, data, i + 2, n))          \
                    found |= F_STOP_LOWER;                                                 \
                for (k = bucket_head[a & 0xff]; k >= 0; k = bucket_next[k]) {              \
                    const Needle *nd = &needles[k];                                        \
                    if (!(found & nd->fact) && nd->chars[nd->offset] == a &&               \
                        (nd->len == 1 || (nd->chars[nd->offset + 1] == b &&                \
                                          needle_at(kind, data, i - nd->offset, n, nd))))  \
                        found |= nd->fact;                                                 \
                }                                                                          \
            }                                                                              \
            if ((found & want) == want && !check_moj) break;                               \
        }                                                                                  \
        if (check_moj && n > 0 && s[n - 1] < NCHARS && (moj_class[s[n - 1]] & MOJ_C1))     \
            found |= mojibake_fact;                                                        \
        for (k = n > 0 ? bucket_head[s[n - 1] & 0xff] : -1; k >= 0; k = bucket_next[k])   \
            if (needles[k].len == 1 && needles[k].chars[0] == s[n - 1]) /* the last one */ \
                found |= needles[k].fact;                                                  \
    }

static unsigned long long needle_facts(int kind, const void *data, Py_ssize_t n) {
    unsigned long long found = 0, want = floating_facts | F_STOP_LOWER;
    Py_ssize_t i, stop, start = 0;
    int k, check_moj = mojibake_fact != 0;
    if (anchored_facts) {
        while (start < n && (PyUnicode_READ(kind, data, start) == ' ' ||
                             PyUnicode_READ(kind, data, start) == '\t'))
            start++;
        for (k = 0; k < nneedles; k++) {
            const Needle *nd = &needles[k];
            if ((nd->anchor == ANCHOR_START && needle_at(kind, data, start, n, nd)) ||
                (nd->anchor == ANCHOR_END && needle_at(kind, data, n - nd->len, n, nd)))
                found |= nd->fact;
        }
    }
    if (kind == PyUnicode_1BYTE_KIND) NEEDLE_BODY(Py_UCS1)
    else if (kind == PyUnicode_2BYTE_KIND) NEEDLE_BODY(Py_UCS2)
    else NEEDLE_BODY(Py_UCS4)
    return found;
}

/* Up to four automata over consecutive parts of the text, stepped in turn, overlap their
 * table loads (one automaton alone waits on each). A part may begin anywhere after a visible
 * character (not a space, tab, CR or line break): its automaton starts six characters earlier
 * and reads them without emitting. That gives it the true state: the context is a function
 * of the last five characters at most ("y 're"), and after a visible character
 * the blank-line state is "no break since". Parts begin at the first such position from each
 * quarter point (within an eighth, else fewer parts). Fills bounds[0..parts]; returns parts. */
#define MAX_PARTS 4
#define WARM_UP 6

static Py_ssize_t part_start(int kind, const void *data, Py_ssize_t from, Py_ssize_t stop) {
    Py_ssize_t i;
    for (i = from; i < stop; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i - 1);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return i;
    }
    return -1;
}

static int split_parts(int kind, const void *data, Py_ssize_t n, Py_ssize_t *bounds) {
    Py_ssize_t at[3];
    int j;
    bounds[0] = 0;
    if (n >= 256) {
        for (j = 0; j < 3; j++)
            at[j] = part_start(kind, data, n * (j + 1) / 4, n * (j + 1) / 4 + n / 8);
        if (at[0] > 0 && at[1] > 0 && at[2] > 0) {
            for (j = 0; j < 3; j++) bounds[j + 1] = at[j];
            bounds[4] = n;
            return 4;
        }
        if (at[1] > 0) {
            bounds[1] = at[1];
            bounds[2] = n;
            return 2;
        }
    }
    bounds[1] = n;
    return 1;
}

#define CLASS_OF(c) ((c) < NCHARS ? char_class[c] : wide_class(c))
#define FLAGS_OF(c) ((c) < NCHARS ? char_flags[c] : 0u)
#define STEP_AT(k, j)                                                                      \
    {                                                                                      \
        Py_UCS4 c_ = s[k];                                                                 \
        STEP(FLAGS_OF(c_), CLASS_OF(c_), row[j], acc[j])                                   \
    }

/* The parts in lockstep for as long as the shortest, then what is left of each alone. */
#define SCAN_BODY(TYPE)                                                                    \
    {                                                                                      \
        const TYPE *s = (const TYPE *)data;                                                \
        Py_ssize_t k, common = n;                                                          \
        for (j = 0; j < parts; j++)                                                        \
            if (bounds[j + 1] - bounds[j] < common) common = bounds[j + 1] - bounds[j];    \
        for (j = 1; j < parts; j++) { /* the warm-up: state only, emissions dropped */      \
            uint32_t dropped = 0;                                                          \
            for (k = bounds[j] - WARM_UP; k < bounds[j]; k++) {                            \
                Py_UCS4 c_ = s[k];                                                         \
                STEP(0, CLASS_OF(c_), row[j], dropped)                                     \
            }                                                                              \
        }                                                                                  \
        if (parts == 4) {                                                                  \
            const Py_ssize_t b1 = bounds[1], b2 = bounds[2], b3 = bounds[3];               \
            for (k = 0; k < common; k++) {                                                 \
                STEP_AT(k, 0)                                                              \
                STEP_AT(b1 + k, 1)                                                         \
                STEP_AT(b2 + k, 2)                                                         \
                STEP_AT(b3 + k, 3)                                                         \
            }                                                                              \
        } else if (parts == 2) {                                                           \
            const Py_ssize_t b1 = bounds[1];                                               \
            for (k = 0; k < common; k++) {                                                 \
                STEP_AT(k, 0)                                                              \
                STEP_AT(b1 + k, 1)                                                         \
            }                                                                              \
        } else {                                                                           \
            common = 0;                                                                    \
        }                                                                                  \
        for (j = 0; j < parts; j++)                                                        \
            for (k = bounds[j] + common; k < bounds[j + 1]; k++) STEP_AT(k, j)             \
    }

/* The str argument of a function of this module, read: its length, kind and data. Returns 0,
 * or -1 with a TypeError set that names the function. */
static int read_text(PyObject *arg, const char *fn, Py_ssize_t *n, int *kind, const void **data) {
    if (!PyUnicode_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "%s() expects str, got %.100s", fn, Py_TYPE(arg)->tp_name);
        return -1;
    }
    *n = PyUnicode_GET_LENGTH(arg);
    *kind = PyUnicode_KIND(arg);
    *data = PyUnicode_DATA(arg);
    return 0;
}

static int has_repeat(int kind, const void *data, Py_ssize_t n);

/* scan(text, want=all): the facts of text; REPEAT, a second walk, only if want asks for it */
static PyObject *scan(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    Py_ssize_t n, bounds[MAX_PARTS + 1];
    unsigned long long flags = 0, want = ~0ULL;
    int kind, parts, j;
    uint32_t row[MAX_PARTS], acc[MAX_PARTS] = {0, 0, 0, 0}, all = 0;
    const void *data;
    PyObject *arg;
    (void)self;
    if (nargs < 1 || nargs > 2) {
        PyErr_SetString(PyExc_TypeError, "scan() takes a str and an optional int");
        return NULL;
    }
    arg = args[0];
    if (read_text(arg, "scan", &n, &kind, &data) < 0) return NULL;
    if (nargs == 2) {
        want = PyLong_AsUnsignedLongLongMask(args[1]);
        if (want == (unsigned long long)-1 && PyErr_Occurred()) return NULL;
    }
    parts = split_parts(kind, data, n, bounds);
    row[0] = (uint32_t)(B_START * NPREV + C_OTHER) * NCLASS;
    for (j = 1; j < MAX_PARTS; j++) row[j] = (uint32_t)(B_V0 * NPREV + C_OTHER) * NCLASS;
    if (kind == PyUnicode_1BYTE_KIND) SCAN_BODY(Py_UCS1)
    else if (kind == PyUnicode_2BYTE_KIND) SCAN_BODY(Py_UCS2)
    else SCAN_BODY(Py_UCS4)
    for (j = 0; j < parts; j++) all |= acc[j];
    flags |= unpack(all >> 16) | final_emit[row[parts - 1] / NCLASS] | line_facts(kind, data, n);
    flags |= needle_facts(kind, data, n);
    if ((want & F_REPEAT) && has_repeat(kind, data, n)) flags |= F_REPEAT;
    return PyLong_FromUnsignedLongLong(flags);
}

/* A doubled-word candidate: a run of 1 to 20 ASCII letters followed, after 1 to 4 spaces or
 * tabs, by the same run (ASCII case ignored). remove_repeated_words' doubled words are all
 * ASCII: a run holding any other letter is not a candidate. */
static inline int ascii_letter(Py_UCS4 c) { return c < 128 && ((c | 0x20) - 'a') < 26; }

/* The walk of repeat_lines: on a candidate, FOUND(i) runs (the second word ending at i). */
#define REPEAT_BODY(TYPE, FOUND)                                                           \
    {                                                                                      \
        const TYPE *s = (const TYPE *)data;                                                \
        for (i = 0; i <= n; i++) {                                                         \
            Py_UCS4 c = i < n ? s[i] : ' ';                                                \
            if (ascii_letter(c)) {                                                         \
                if (start < 0) start = i, ascii = 1;                                       \
                while (i + 1 < n && ascii_letter(s[i + 1])) i++; /* the rest of the run */ \
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
                if (same) FOUND(i)                                                         \
            }                                                                              \
            prev_start = ascii && len <= 20 ? start : -1;                                  \
            prev_len = len;                                                                \
            start = -1;                                                                    \
        }                                                                                  \
    }

/* Appends the number i to list; 0, or -1 with an error set. */
static int append_index(PyObject *list, Py_ssize_t i) {
    PyObject *item = PyLong_FromSsize_t(i);
    int failed = item == NULL || PyList_Append(list, item) < 0;
    Py_XDECREF(item);
    return failed ? -1 : 0;
}

#define REPEAT_STOP(i) return 1;

static int has_repeat(int kind, const void *data, Py_ssize_t n) {
    Py_ssize_t i, start = -1, prev_start = -1, prev_len = 0, len;
    int ascii = 1;
    if (kind == PyUnicode_1BYTE_KIND) REPEAT_BODY(Py_UCS1, REPEAT_STOP)
    else if (kind == PyUnicode_2BYTE_KIND) REPEAT_BODY(Py_UCS2, REPEAT_STOP)
    else REPEAT_BODY(Py_UCS4, REPEAT_STOP)
    return 0;
}

static int append_span(PyObject *list, Py_ssize_t a, Py_ssize_t b) {
    PyObject *span = Py_BuildValue("(nn)", a, b);
    int failed = span == NULL || PyList_Append(list, span) < 0;
    Py_XDECREF(span);
    return failed ? -1 : 0;
}

/* A candidate's line: its span is kept and the walk goes on after the line break (a doubled
 * word never spans one); no word is open there. */
#define REPEAT_LINE(i)                                                                     \
    {                                                                                      \
        Py_ssize_t a = i, b = i;                                                           \
        while (a > 0 && s[a - 1] != '\n') a--;                                             \
        while (b < n && s[b] != '\n') b++;                                                 \
        if (append_span(out, a, b) < 0) {                                                  \
            Py_DECREF(out);                                                                \
            return NULL;                                                                   \
        }                                                                                  \
        i = b;                                                                             \
        prev_start = -1;                                                                   \
        start = -1;                                                                        \
        continue;                                                                          \
    }

/* repeat_lines(text): [(start, end), ...] of the lines holding a doubled-word candidate, in
 * order: where remove_repeated_words looks. */
static PyObject *repeat_lines(PyObject *self, PyObject *arg) {
    Py_ssize_t i, n, start = -1, prev_start = -1, prev_len = 0, len;
    int ascii = 1, kind;
    const void *data;
    PyObject *out;
    (void)self;
    if (read_text(arg, "repeat_lines", &n, &kind, &data) < 0) return NULL;
    out = PyList_New(0);
    if (out == NULL) return NULL;
    if (kind == PyUnicode_1BYTE_KIND) REPEAT_BODY(Py_UCS1, REPEAT_LINE)
    else if (kind == PyUnicode_2BYTE_KIND) REPEAT_BODY(Py_UCS2, REPEAT_LINE)
    else REPEAT_BODY(Py_UCS4, REPEAT_LINE)
    return out;
}

/* article_candidates(text): where ARTICLE_RE (" a", " an") and CAPITAL_ARTICLE_RE ("A",
 * "An") of newsclean.cleaners.mt may match: an article before a word of the shape that may
 * disagree with it (a vowel letter, or F H L M N R S X and a capital, after "a"; a consonant
 * letter, or U and a capital, after "an"). Two tuples of positions, in order. */
static int an_suspect(Py_UCS4 c, Py_UCS4 d) {
    int upper_d = d >= 'A' && d <= 'Z';
    if (c < 128 && (c | 0x20) >= 'a' && (c | 0x20) <= 'z' && !strchr("aeiouAEIOU", (int)c))
        return 1;
    return c == 'U' && upper_d;
}
static int a_suspect(Py_UCS4 c, Py_UCS4 d) {
    if (c < 128 && c && strchr("aeiouAEIOU", (int)c)) return 1;
    return c < 128 && c && strchr("FHLMNRSX", (int)c) && d >= 'A' && d <= 'Z';
}

static PyObject *article_candidates(PyObject *self, PyObject *arg) {
    Py_ssize_t i, n;
    int kind;
    const void *data;
    PyObject *lower, *upper, *out;
    (void)self;
    if (read_text(arg, "article_candidates", &n, &kind, &data) < 0) return NULL;
    lower = PyList_New(0);
    upper = PyList_New(0);
    if (lower == NULL || upper == NULL) goto fail;
#define AT(k) ((k) < n ? PyUnicode_READ(kind, data, k) : 0)
    for (i = 0; i + 2 < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i), next = AT(i + 1);
        PyObject *into;
        int hit;
        if (c != 'a' && c != 'A') continue;
        if (next == ' ')
            hit = a_suspect(AT(i + 2), AT(i + 3));
        else if (next == 'n' && AT(i + 2) == ' ')
            hit = an_suspect(AT(i + 3), AT(i + 4));
        else
            continue;
        if (!hit) continue;
        if (c == 'A') {
            into = upper;
        } else if (i > 0 && PyUnicode_READ(kind, data, i - 1) == ' ') {
            into = lower;
        } else {
            continue;
        }
        if (append_index(into, c == 'A' ? i : i - 1) < 0) goto fail;
    }
#undef AT
    {
        PyObject *a = PyList_AsTuple(lower), *b = PyList_AsTuple(upper);
        out = a != NULL && b != NULL ? PyTuple_Pack(2, a, b) : NULL;
        Py_XDECREF(a);
        Py_XDECREF(b);
    }
    Py_DECREF(lower);
    Py_DECREF(upper);
    return out;
fail:
    Py_XDECREF(lower);
    Py_XDECREF(upper);
    return NULL;
}

/* fact_lines(text, fact): the numbers of the lines where a line fact holds, in order, for the
 * cleaners that look only there (newsclean._text.fact_lines): HEAD_LINE (a line of 2 to 120
 * characters that begins, after white space and skip characters, with a head), CREDIT_LINE (a
 * line of 2 to 120 characters shaped as a credit), PAREN_END (a line after a non-blank one,
 * ending in a credit-shaped parenthesis) or ON_LINE (see on_line). */
static PyObject *fact_lines(PyObject *self, PyObject *args) {
    PyObject *text, *out;
    unsigned long fact;
    Py_ssize_t n, start = 0, number = 0;
    int kind, visible_before = 0;
    const void *data;
    (void)self;
    if (!PyArg_ParseTuple(args, "Uk", &text, &fact)) return NULL;
    if (fact != F_HEAD_LINE && fact != F_CREDIT_LINE && fact != F_PAREN_END && fact != F_ON_LINE) {
        PyErr_SetString(PyExc_ValueError,
                        "fact_lines() knows HEAD_LINE, CREDIT_LINE, PAREN_END, ON_LINE");
        return NULL;
    }
    n = PyUnicode_GET_LENGTH(text);
    kind = PyUnicode_KIND(text);
    data = PyUnicode_DATA(text);
    out = PyList_New(0);
    if (out == NULL) return NULL;
    for (;;) {
        Py_ssize_t end = next_newline(kind, data, start, n), len = end - start, k;
        int hit;
        if (fact == F_HEAD_LINE)
            hit = len >= LINE_LEN_MIN && len <= LINE_LEN_MAX && head_line(kind, data, start, end);
        else if (fact == F_CREDIT_LINE)
            hit = len >= LINE_LEN_MIN && len <= LINE_LEN_MAX && credit_shaped(kind, data, start, end);
        else if (fact == F_ON_LINE)
            hit = on_line(kind, data, start, end);
        else
            hit = visible_before && credit_paren_end(kind, data, start, end);
        if (hit && append_index(out, number) < 0) {
            Py_DECREF(out);
            return NULL;
        }
        if (end >= n) break;
        visible_before = 0;
        for (k = start; k < end && !visible_before; k++)
            visible_before = !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k));
        start = end + 1;
        number++;
    }
    {
        PyObject *tuple = PyList_AsTuple(out);
        Py_DECREF(out);
        return tuple;
    }
}

/* lower_counts(text, limit, needles): for each needle (lower-case ASCII), how many times it
 * occurs, without overlap, in text[:limit].lower(): str.count's answer, without making the
 * lower-case copy. Only U+0130 and U+212A lower to ASCII letters beyond ASCII (to "i" and a
 * mark, and to "k"); as neither needle holds a mark or "k", a non-ASCII character matches
 * nothing. The quick English test of newsclean.lang counts its function words so. */
#define MAX_COUNTED 16
static PyObject *lower_counts(PyObject *self, PyObject *args) {
    PyObject *text, *seq, *out;
    Py_ssize_t limit, n, i, k, count[MAX_COUNTED] = {0}, next[MAX_COUNTED] = {0};
    Py_ssize_t len[MAX_COUNTED];
    const char *word[MAX_COUNTED];
    unsigned char starts[128];
    int kind, m;
    const void *data;
    (void)self;
    if (!PyArg_ParseTuple(args, "UnO", &text, &limit, &seq)) return NULL;
    seq = PySequence_Fast(seq, "lower_counts() expects a sequence of str");
    if (seq == NULL) return NULL;
    m = (int)PySequence_Fast_GET_SIZE(seq);
    if (m > MAX_COUNTED) {
        Py_DECREF(seq);
        return PyErr_Format(PyExc_ValueError, "at most %d needles", MAX_COUNTED);
    }
    for (k = 0; k < m; k++) {
        PyObject *item = PySequence_Fast_GET_ITEM(seq, k);
        if (!PyUnicode_Check(item) || !PyUnicode_IS_ASCII(item) ||
            (word[k] = PyUnicode_AsUTF8AndSize(item, &len[k])) == NULL || len[k] == 0) {
            Py_DECREF(seq);
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_ValueError, "needles are non-empty ASCII str");
            return NULL;
        }
    }
    n = PyUnicode_GET_LENGTH(text);
    if (limit < n) n = limit < 0 ? 0 : limit;
    kind = PyUnicode_KIND(text);
    data = PyUnicode_DATA(text);
    memset(starts, 0, sizeof starts);
    for (k = 0; k < m; k++) starts[(unsigned char)word[k][0] & 0x7f] = 1;
    for (i = 0; i < n; i++) {
        Py_UCS4 first = PyUnicode_READ(kind, data, i);
        if (first >= 'A' && first <= 'Z') first |= 0x20;
        if (first >= 128 || !starts[first]) continue; /* no needle begins so: most characters */
        for (k = 0; k < m; k++) {
            Py_ssize_t j;
            if (first != (Py_UCS4)(unsigned char)word[k][0] || i < next[k] || i + len[k] > n)
                continue;
            for (j = 1; j < len[k]; j++) {
                Py_UCS4 c = PyUnicode_READ(kind, data, i + j);
                if (c >= 'A' && c <= 'Z') c |= 0x20;
                if (c != (Py_UCS4)(unsigned char)word[k][j]) break;
            }
            if (j == len[k]) {
                count[k]++;
                next[k] = i + len[k];
            }
        }
    }
    Py_DECREF(seq);
    out = PyTuple_New(m);
    if (out == NULL) return NULL;
    for (k = 0; k < m; k++) {
        PyObject *v = PyLong_FromSsize_t(count[k]);
        if (v == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyTuple_SET_ITEM(out, k, v);
    }
    return out;
}

/* pair_positions(text, pairs): for each two-character string of pairs, the positions where
 * it occurs (overlaps included), in order: what a str.find loop per pair gives, from one pass
 * (a str.find for a pair with a space in it is slow, the space being everywhere). */
#define MAX_PAIRS 32
/* Reads pairs (a sequence of two-character str, at most MAX_PAIRS) into first and second,
 * and marks each pair's low bytes in bits; with no_newline_first, a pair may not begin with a
 * line break. The number of pairs, or -1 with an error set. */
static Py_ssize_t read_pairs(PyObject *pairs, const char *who, int no_newline_first,
                             Py_UCS4 *first, Py_UCS4 *second, unsigned char *bits) {
    Py_ssize_t m, k;
    PyObject *seq = PySequence_Fast(pairs, "expects a sequence of str");
    if (seq == NULL) return -1;
    m = PySequence_Fast_GET_SIZE(seq);
    if (m > MAX_PAIRS) {
        Py_DECREF(seq);
        PyErr_Format(PyExc_ValueError, "%s(): at most %d pairs", who, MAX_PAIRS);
        return -1;
    }
    memset(bits, 0, 8192);
    for (k = 0; k < m; k++) {
        PyObject *item = PySequence_Fast_GET_ITEM(seq, k);
        if (!PyUnicode_Check(item) || PyUnicode_GET_LENGTH(item) != 2 ||
            (no_newline_first && PyUnicode_READ_CHAR(item, 0) == '\n')) {
            Py_DECREF(seq);
            PyErr_SetString(PyExc_ValueError,
                            no_newline_first
                                ? "pairs are str of two characters, the first not a line break"
                                : "pairs are str of two characters");
            return -1;
        }
        first[k] = PyUnicode_READ_CHAR(item, 0);
        second[k] = PyUnicode_READ_CHAR(item, 1);
        bits[PAIR_KEY(first[k], second[k]) >> 3] |=
            (unsigned char)(1u << (PAIR_KEY(first[k], second[k]) & 7));
    }
    Py_DECREF(seq);
    return m;
}

static PyObject *pair_positions(PyObject *self, PyObject *args) {
    PyObject *text, *seq, *lists[MAX_PAIRS], *out = NULL;
    Py_UCS4 first[MAX_PAIRS], second[MAX_PAIRS];
    unsigned char bits[8192]; /* a bit per pair of low bytes: some pair may stand there */
    Py_ssize_t n, i, m, k;
    int kind;
    const void *data;
    (void)self;
    if (!PyArg_ParseTuple(args, "UO", &text, &seq)) return NULL;
    if ((m = read_pairs(seq, "pair_positions", 0, first, second, bits)) < 0) return NULL;
    for (k = 0; k < m; k++) lists[k] = NULL;
    for (k = 0; k < m; k++)
        if ((lists[k] = PyList_New(0)) == NULL) goto done;
    n = PyUnicode_GET_LENGTH(text);
    kind = PyUnicode_KIND(text);
    data = PyUnicode_DATA(text);
#define PAIRS_BODY(TYPE)                                                                   \
    {                                                                                      \
        const TYPE *s = (const TYPE *)data;                                                \
        for (i = 0; i + 1 < n; i++) {                                                      \
            Py_UCS4 a = s[i], b = s[i + 1];                                                \
            unsigned int key = PAIR_KEY(a, b);                                             \
            if (!(bits[key >> 3] & (1u << (key & 7)))) continue; /* the usual case */      \
            for (k = 0; k < m; k++) {                                                      \
                if (first[k] == a && second[k] == b && append_index(lists[k], i) < 0)     \
                    goto done;                                                             \
            }                                                                              \
        }                                                                                  \
    }
    if (kind == PyUnicode_1BYTE_KIND) PAIRS_BODY(Py_UCS1)
    else if (kind == PyUnicode_2BYTE_KIND) PAIRS_BODY(Py_UCS2)
    else PAIRS_BODY(Py_UCS4)
#undef PAIRS_BODY
    out = PyTuple_New(m);
    if (out == NULL) goto done;
    for (k = 0; k < m; k++) {
        PyObject *t = PyList_AsTuple(lists[k]);
        if (t == NULL) {
            Py_CLEAR(out);
            goto done;
        }
        PyTuple_SET_ITEM(out, k, t);
    }
done:
    for (k = 0; k < m; k++) Py_XDECREF(lists[k]);
    return out;
}

/* pair_lines(text, pairs): the start of each line (lines end at "\n") holding one of the
 * two-character strings of pairs, in order: the lines a line-wise cleaner reads, found
 * without a position per occurrence (a tokenised line of megabytes holds millions). The
 * compiled twin of newsclean._text.pair_lines_python. */
static PyObject *pair_lines(PyObject *self, PyObject *args) {
    PyObject *text, *seq, *out;
    Py_UCS4 first[MAX_PAIRS], second[MAX_PAIRS];
    unsigned char bits[8192];
    Py_ssize_t n, i, m, k, line_start = 0;
    int kind;
    const void *data;
    (void)self;
    if (!PyArg_ParseTuple(args, "UO", &text, &seq)) return NULL;
    if ((m = read_pairs(seq, "pair_lines", 1, first, second, bits)) < 0) return NULL;
    if ((out = PyList_New(0)) == NULL) return NULL;
    n = PyUnicode_GET_LENGTH(text);
    kind = PyUnicode_KIND(text);
    data = PyUnicode_DATA(text);
#define PAIR_LINES_BODY(TYPE)                                                              \
    {                                                                                      \
        const TYPE *s = (const TYPE *)data;                                                \
        for (i = 0; i + 1 < n; i++) {                                                      \
            Py_UCS4 a = s[i], b = s[i + 1];                                                \
            unsigned int key = PAIR_KEY(a, b);                                             \
            if (bits[key >> 3] & (1u << (key & 7))) {                                      \
                for (k = 0; k < m; k++)                                                    \
                    if (first[k] == a && second[k] == b) break;                            \
                if (k < m) {                                                               \
                    if (append_index(out, line_start) < 0) goto fail;                      \
                    while (i + 1 < n && s[i + 1] != '\n') i++; /* the line is taken */     \
                    continue;                                                              \
                }                                                                          \
            }                                                                              \
            if (a == '\n') line_start = i + 1;                                             \
        }                                                                                  \
    }
    if (kind == PyUnicode_1BYTE_KIND) PAIR_LINES_BODY(Py_UCS1)
    else if (kind == PyUnicode_2BYTE_KIND) PAIR_LINES_BODY(Py_UCS2)
    else PAIR_LINES_BODY(Py_UCS4)
#undef PAIR_LINES_BODY
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* spaced_candidates(text, marks, before_ok, after_ok, opened_ok): the space runs
 * fix_punctuation_spacing may remove, as (start, end, mark), in order: spaces before a mark
 * of marks (a letter, digit or before_ok character before them; white space, the end or an
 * after_ok character after the mark), and spaces after "(" or "[" (mark "") before a letter,
 * digit or opened_ok character. The compiled twin of _spaced_candidates_python (see there). */
static int in_str(PyObject *chars, Py_UCS4 c) {
    return PyUnicode_FindChar(chars, c, 0, PyUnicode_GET_LENGTH(chars), 1) >= 0;
}

static PyObject *spaced_candidates(PyObject *self, PyObject *args) {
    PyObject *text, *marks, *before_ok, *after_ok, *opened_ok, *out, *empty;
    Py_ssize_t n, i;
    int kind;
    unsigned char is_mark[128]; /* the marks are ASCII */
    const void *data;
    (void)self;
    if (!PyArg_ParseTuple(args, "UUUUU", &text, &marks, &before_ok, &after_ok, &opened_ok))
        return NULL;
    if (read_text(text, "spaced_candidates", &n, &kind, &data) < 0) return NULL;
    memset(is_mark, 0, sizeof is_mark);
    for (i = 0; i < PyUnicode_GET_LENGTH(marks); i++) {
        Py_UCS4 c = PyUnicode_READ_CHAR(marks, i);
        if (c < 128) is_mark[c] = 1;
    }
    out = PyList_New(0);
    empty = PyUnicode_New(0, 0);
    if (out == NULL || empty == NULL) goto fail;
    for (i = 0; i + 1 < n; i++) {
        Py_UCS4 a = PyUnicode_READ(kind, data, i), b;
        PyObject *item = NULL;
        if (a != ' ' && a != '(' && a != '[') continue; /* most characters */
        b = PyUnicode_READ(kind, data, i + 1);
        if (a == ' ' && b < 128 && is_mark[b]) {
            Py_ssize_t start = i;
            Py_UCS4 before, after;
            while (start > 0 && PyUnicode_READ(kind, data, start - 1) == ' ') start--;
            if (start == 0) continue;
            before = PyUnicode_READ(kind, data, start - 1);
            if (!Py_UNICODE_ISALNUM(before) && !in_str(before_ok, before)) continue;
            if (i + 2 < n) {
                after = PyUnicode_READ(kind, data, i + 2);
                if (!Py_UNICODE_ISSPACE(after) && !in_str(after_ok, after)) continue;
            }
            item = Py_BuildValue("(nnN)", start, i + 1, PyUnicode_FromOrdinal((int)b));
        } else if ((a == '(' || a == '[') && b == ' ') {
            Py_ssize_t end = i + 1;
            Py_UCS4 next;
            while (end < n && PyUnicode_READ(kind, data, end) == ' ') end++;
            if (end >= n) continue;
            next = PyUnicode_READ(kind, data, end);
            if (!Py_UNICODE_ISALNUM(next) && !in_str(opened_ok, next)) continue;
            item = Py_BuildValue("(nnO)", i + 1, end, empty);
        } else {
            continue;
        }
        if (item == NULL || PyList_Append(out, item) < 0) {
            Py_XDECREF(item);
            goto fail;
        }
        Py_DECREF(item);
    }
    Py_DECREF(empty);
    return out;
fail:
    Py_XDECREF(out);
    Py_XDECREF(empty);
    return NULL;
}

/* line_spans(text): ((start, end), ...) of each line, without its line break; the compiled
 * twin of newsclean._text.line_spans (see there). */
static PyObject *line_spans(PyObject *self, PyObject *arg) {
    Py_ssize_t n, start = 0, lines = 1, i, end;
    int kind;
    const void *data;
    PyObject *out;
    (void)self;
    if (read_text(arg, "line_spans", &n, &kind, &data) < 0) return NULL;
    for (i = next_newline(kind, data, 0, n); i < n; i = next_newline(kind, data, i + 1, n)) lines++;
    out = PyTuple_New(lines);
    if (out == NULL) return NULL;
    for (i = 0; i < lines; i++) {
        PyObject *span = PyTuple_New(2), *a, *b;
        end = next_newline(kind, data, start, n);
        a = PyLong_FromSsize_t(start);
        b = PyLong_FromSsize_t(end);
        if (span == NULL || a == NULL || b == NULL) {
            Py_XDECREF(span);
            Py_XDECREF(a);
            Py_XDECREF(b);
            Py_DECREF(out);
            return NULL;
        }
        PyTuple_SET_ITEM(span, 0, a);
        PyTuple_SET_ITEM(span, 1, b);
        PyTuple_SET_ITEM(out, i, span);
        start = end + 1;
    }
    return out;
}

/* find_seams(text, start, end, size, reach, words): the compiled twin of
 * newsclean._windows.find_seams_python (see there): the seams that cut text[start:end] into
 * stretches of at least size characters. A line "breaks runs" when it is longer than
 * 2 * words characters, ends as a sentence ([.!:;,], then one of "”’) at most, then spaces or
 * tabs, within its last 8 characters) and holds words - 1 spaces or more. */
static int seam_breaks(int kind, const void *data, Py_ssize_t a, Py_ssize_t b, Py_ssize_t words) {
    Py_ssize_t lo = b - 8, q = b, spaces = 0, i;
    Py_UCS4 c;
    if (b - a <= 2 * words) return 0;
    if (lo < a) lo = a;
    while (q > lo && ((c = PyUnicode_READ(kind, data, q - 1)) == ' ' || c == '\t')) q--;
    if (q - 1 < lo) return 0;
    c = PyUnicode_READ(kind, data, q - 1);
    if (c == '"' || c == 0x201D || c == 0x2019 || c == ')') {
        if (q - 2 < lo) return 0;
        c = PyUnicode_READ(kind, data, q - 2);
    }
    if (!(c == '.' || c == '!' || c == ':' || c == ';' || c == ',')) return 0;
    for (i = a; i < b; i++)
        if (PyUnicode_READ(kind, data, i) == ' ' && ++spaces >= words - 1) return 1;
    return words - 1 <= 0;
}

static Py_ssize_t last_newline(int kind, const void *data, Py_ssize_t stop) {
    Py_ssize_t i = stop - 1;
    while (i >= 0 && PyUnicode_READ(kind, data, i) != '\n') i--;
    return i; /* -1: none */
}

static int seam_visible(int kind, const void *data, Py_ssize_t n, Py_ssize_t at) {
    return at > 0 && at + 2 < n && PyUnicode_READ(kind, data, at) == '\n' &&
           PyUnicode_READ(kind, data, at + 1) == '\n' &&
           !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, at - 1)) &&
           !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, at + 2));
}

/* text.find("\n\n", lo, stop), -1 if absent */
static Py_ssize_t find_blank(int kind, const void *data, Py_ssize_t n, Py_ssize_t lo, Py_ssize_t stop) {
    Py_ssize_t i;
    if (stop > n) stop = n;
    if (lo < 0) lo = 0;
    if (lo >= stop) return -1;
    for (i = next_newline(kind, data, lo, stop); i + 1 < stop; i = next_newline(kind, data, i + 1, stop))
        if (PyUnicode_READ(kind, data, i + 1) == '\n') return i;
    return -1;
}

static PyObject *find_seams(PyObject *self, PyObject *args) {
    PyObject *text, *out, *item;
    Py_ssize_t n, start, end, size, reach, words, own, line, line_end, prose_end = -1;
    int kind;
    const void *data;
    (void)self;
    if (!PyArg_ParseTuple(args, "Unnnnn", &text, &start, &end, &size, &reach, &words)) return NULL;
    n = PyUnicode_GET_LENGTH(text);
    kind = PyUnicode_KIND(text);
    data = PyUnicode_DATA(text);
    if (start < 0) start = 0;
    if (end > n) end = n;
    if ((out = PyList_New(0)) == NULL) return NULL;
    own = start;
    line = own + size - reach > start ? own + size - reach : start;
    line = last_newline(kind, data, line < n ? line : n) + 1;
    if (line < start) line = start;
    while (line < end) {
        line_end = next_newline(kind, data, line, end);
        if (seam_breaks(kind, data, line, line_end, words)) {
            if (prose_end >= 0) {
                Py_ssize_t lo = own + size, hi = prose_end + reach, at;
                if (prose_end > lo) lo = prose_end;
                if (line - 2 - reach > lo) lo = line - 2 - reach;
                if (line - 2 < hi) hi = line - 2;
                at = lo <= hi + 2 ? find_blank(kind, data, n, lo, hi + 2) : -1;
                while (0 <= at && at <= hi && !seam_visible(kind, data, n, at))
                    at = find_blank(kind, data, n, at + 1, hi + 2);
                if (0 <= at && at <= hi && at + 2 < end) {
                    Py_ssize_t ahead;
                    if ((item = PyLong_FromSsize_t(at)) == NULL || PyList_Append(out, item) < 0) {
                        Py_XDECREF(item);
                        Py_DECREF(out);
                        return NULL;
                    }
                    Py_DECREF(item);
                    own = at;
                    ahead = own + size - reach;
                    if (ahead > line_end) {
                        line = last_newline(kind, data, ahead < n ? ahead : n) + 1;
                        prose_end = -1;
                        continue;
                    }
                }
            }
            prose_end = line_end;
        }
        line = line_end + 1;
    }
    return out;
}

/* repeated_lines(text) -> list of int: where the lines (split at "\n") begin whose text,
 * stripped as str.strip() strips it, is not empty and is another line's text too; the twin of
 * newsclean.cleaners.debris.repeated_lines_python. One walk and a hash table of the stripped
 * lines (compared in full where the hashes agree), so no string is made per line. The hash
 * is seeded per process: a crafted text cannot pile its lines on one slot. */
static uint64_t repeat_seed;

/* The span's bytes (one kind for the whole text: equal spans have equal bytes), read eight at
 * a time. */
static uint64_t span_hash(int kind, const void *data, Py_ssize_t a, Py_ssize_t b) {
    const unsigned char *p = (const unsigned char *)data + a * kind;
    size_t len = (size_t)(b - a) * (size_t)kind, k;
    uint64_t h = (1469598103934665603ULL ^ repeat_seed) ^ (uint64_t)len, w;
    for (k = 0; k + 8 <= len; k += 8) {
        memcpy(&w, p + k, sizeof w);
        h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
        h ^= h >> 32;
    }
    for (; k < len; k++) h = (h ^ p[k]) * 1099511628211ULL;
    return h ^ (h >> 29);
}

static int same_span(int kind, const void *data, Py_ssize_t a, Py_ssize_t b, Py_ssize_t len) {
    const unsigned char *s = data;
    return memcmp(s + a * kind, s + b * kind, (size_t)len * (size_t)kind) == 0;
}

static PyObject *repeated_lines(PyObject *self, PyObject *arg) {
    Py_ssize_t n, lines = 0, i, start, next, size = 16, filled = 0;
    Py_ssize_t *from = NULL, *to = NULL, *number = NULL, *slot_of = NULL, *first = NULL;
    Py_ssize_t *count = NULL;
    uint64_t *hashes = NULL;
    int kind;
    const void *data;
    PyObject *out = NULL;
    (void)self;
    if (read_text(arg, "repeated_lines", &n, &kind, &data) < 0) return NULL;
    for (i = next_newline(kind, data, 0, n); i < n; i = next_newline(kind, data, i + 1, n)) lines++;
    lines++;
    while (size < 2 * lines) size *= 2;
    from = PyMem_Malloc((size_t)lines * sizeof *from);
    to = PyMem_Malloc((size_t)lines * sizeof *to);
    number = PyMem_Malloc((size_t)lines * sizeof *number);
    slot_of = PyMem_Malloc((size_t)lines * sizeof *slot_of);
    first = PyMem_Malloc((size_t)size * sizeof *first);
    count = PyMem_Calloc((size_t)size, sizeof *count);
    hashes = PyMem_Malloc((size_t)size * sizeof *hashes);
    if (!from || !to || !number || !slot_of || !first || !count || !hashes) {
        PyErr_NoMemory();
        goto done;
    }
    for (i = 0; i < size; i++) first[i] = -1;
    for (start = 0; start <= n; start = next + 1) {
        Py_ssize_t a = start, b, p;
        uint64_t h;
        next = next_newline(kind, data, start, n);
        b = next;
        while (a < b && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, a))) a++;
        while (b > a && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, b - 1))) b--;
        if (a == b) continue;
        h = span_hash(kind, data, a, b);
        p = (Py_ssize_t)(h & (uint64_t)(size - 1));
        while (first[p] >= 0) {
            Py_ssize_t q = first[p];
            if (hashes[p] == h && to[q] - from[q] == b - a && same_span(kind, data, from[q], a, b - a))
                break;
            p = (p + 1) & (size - 1);
        }
        if (first[p] < 0) {
            first[p] = filled;
            hashes[p] = h;
        }
        count[p]++;
        from[filled] = a;
        to[filled] = b;
        number[filled] = start;
        slot_of[filled++] = p;
    }
    if ((out = PyList_New(0)) == NULL) goto done;
    for (i = 0; i < filled; i++)
        if (count[slot_of[i]] > 1 && append_index(out, number[i]) < 0) {
            Py_CLEAR(out);
            break;
        }
done:
    PyMem_Free(from);
    PyMem_Free(to);
    PyMem_Free(number);
    PyMem_Free(slot_of);
    PyMem_Free(first);
    PyMem_Free(count);
    PyMem_Free(hashes);
    return out;
}

/* apply_edits(text, starts, ends, replacements): text with text[starts[i]:ends[i]] replaced
 * by replacements[i] (sorted, non-overlapping), built in one string of the exact size: the
 * join of the Python path holds its pieces and the result at once, twice the text at the
 * end of a huge document. starts and ends are arrays of unsigned int or long long
 * (newsclean.cleaner.Edits), replacements a list of str. */
static int char_level(Py_UCS4 c) { return c < 0x80 ? 0 : c < 0x100 ? 1 : c < 0x10000 ? 2 : 3; }

static int str_level(PyObject *s) {
    if (PyUnicode_IS_ASCII(s)) return 0;
    switch (PyUnicode_KIND(s)) {
    case PyUnicode_1BYTE_KIND: return 1;
    case PyUnicode_2BYTE_KIND: return 2;
    default: return 3;
    }
}

/* The widest level of text[a:b], stopping once it reaches limit. */
static int span_level(int kind, const void *data, Py_ssize_t a, Py_ssize_t b, int limit) {
    int level = 0;
    Py_ssize_t i;
    for (i = a; i < b && level < limit; i++) {
        int l = char_level(PyUnicode_READ(kind, data, i));
        if (l > level) level = l;
    }
    return level;
}

/* Copies how_many characters of src from start into out at at. PyUnicode_CopyCharacters
 * refuses a span of a wider string even when every character in it fits (an ASCII span of a
 * Latin-1 text into an ASCII result), so the widths are converted here. */
static void copy_span(PyObject *out, Py_ssize_t at, PyObject *src, Py_ssize_t start,
                      Py_ssize_t how_many) {
    int out_kind = PyUnicode_KIND(out), src_kind = PyUnicode_KIND(src);
    void *out_data = PyUnicode_DATA(out);
    const void *src_data = PyUnicode_DATA(src);
    Py_ssize_t i;
    if (out_kind == src_kind) {
        memcpy((char *)out_data + at * out_kind, (const char *)src_data + start * src_kind,
               (size_t)how_many * (size_t)out_kind);
        return;
    }
    for (i = 0; i < how_many; i++)
        PyUnicode_WRITE(out_kind, out_data, at + i, PyUnicode_READ(src_kind, src_data, start + i));
}

static int read_index(Py_buffer *view, Py_ssize_t i, Py_ssize_t *out) {
    if (view->itemsize == 4) *out = (Py_ssize_t)((const unsigned int *)view->buf)[i];
    else *out = (Py_ssize_t)((const long long *)view->buf)[i];
    return 0;
}

static PyObject *apply_edits(PyObject *self, PyObject *args) {
    static const Py_UCS4 level_max[4] = {0x7f, 0xff, 0xffff, 0x10ffff};
    PyObject *text, *starts, *ends, *reps, *out = NULL;
    Py_buffer sv, ev;
    Py_ssize_t n, count, i, pos, size, at, start, end;
    int kind, level, top;
    const void *data;
    (void)self;
    if (!PyArg_ParseTuple(args, "UOOO!", &text, &starts, &ends, &PyList_Type, &reps)) return NULL;
    if (PyObject_GetBuffer(starts, &sv, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0) return NULL;
    if (PyObject_GetBuffer(ends, &ev, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0) {
        PyBuffer_Release(&sv);
        return NULL;
    }
    count = PyList_GET_SIZE(reps);
    if (sv.itemsize != ev.itemsize || (sv.itemsize != 4 && sv.itemsize != 8) ||
        sv.len / sv.itemsize != count || ev.len / ev.itemsize != count ||
        !sv.format || !ev.format || strcmp(sv.format, ev.format) != 0 ||
        (strcmp(sv.format, "I") != 0 && strcmp(sv.format, "q") != 0)) {
        PyErr_SetString(PyExc_ValueError, "starts and ends: arrays 'I' or 'q' as long as replacements");
        goto done;
    }
    n = PyUnicode_GET_LENGTH(text);
    kind = PyUnicode_KIND(text);
    data = PyUnicode_DATA(text);
    top = str_level(text); /* no kept span is wider than the text */
    level = 0;
    size = 0;
    pos = 0;
    for (i = 0; i < count; i++) { /* the result's size and width, checking the edits */
        PyObject *rep = PyList_GET_ITEM(reps, i);
        read_index(&sv, i, &start);
        read_index(&ev, i, &end);
        if (start < pos || end < start || end > n || !PyUnicode_Check(rep)) {
            PyErr_Format(PyExc_ValueError,
                         "edit %zd (%zd, %zd) is not sorted, within the text and a str", i,
                         start, end);
            goto done;
        }
        if (level < top) {
            int l = span_level(kind, data, pos, start, top);
            if (l > level) level = l;
        }
        if (str_level(rep) > level) level = str_level(rep);
        size += (start - pos) + PyUnicode_GET_LENGTH(rep);
        pos = end;
    }
    if (level < top) {
        int l = span_level(kind, data, pos, n, top);
        if (l > level) level = l;
    }
    size += n - pos;
    if ((out = PyUnicode_New(size, level_max[level])) == NULL) goto done;
    at = 0;
    pos = 0;
    for (i = 0; i < count; i++) {
        PyObject *rep = PyList_GET_ITEM(reps, i);
        Py_ssize_t len = PyUnicode_GET_LENGTH(rep);
        read_index(&sv, i, &start);
        read_index(&ev, i, &end);
        copy_span(out, at, text, pos, start - pos);
        at += start - pos;
        copy_span(out, at, rep, 0, len);
        at += len;
        pos = end;
    }
    copy_span(out, at, text, pos, n - pos);
done:
    PyBuffer_Release(&sv);
    PyBuffer_Release(&ev);
    return out;
}

static PyMethodDef methods[] = {
    {"fact_lines", fact_lines, METH_VARARGS,
     "fact_lines(text, fact) -> tuple of int: the lines where a line fact holds."},
    {"lower_counts", lower_counts, METH_VARARGS,
     "lower_counts(text, limit, needles) -> tuple: text[:limit].lower().count(each needle)."},
    {"pair_positions", pair_positions, METH_VARARGS,
     "pair_positions(text, pairs) -> tuple of tuples: where each two-character string occurs."},
    {"apply_edits", apply_edits, METH_VARARGS,
     "apply_edits(text, starts, ends, replacements) -> str: the text with the edits made."},
    {"pair_lines", pair_lines, METH_VARARGS,
     "pair_lines(text, pairs) -> list of int: the start of each line holding one of the pairs."},
    {"spaced_candidates", spaced_candidates, METH_VARARGS,
     "spaced_candidates(text, marks, before_ok, after_ok, opened_ok) -> list of (start, end, mark)."},
    {"find_seams", find_seams, METH_VARARGS,
     "find_seams(text, start, end, size, reach, words) -> list of int: where long text is cut."},
    {"line_spans", line_spans, METH_O,
     "line_spans(text) -> tuple of (start, end): each line, without its line break."},
    {"scan", (PyCFunction)(void (*)(void))scan, METH_FASTCALL,
     "scan(text, want=all) -> int: the bit set of facts newsclean's gates ask for."},
    {"set_line_heads", set_line_heads, METH_VARARGS,
     "set_line_heads(heads, skip): the phrases a HEAD_LINE line begins with, after skip chars."},
    {"set_char_facts", set_char_facts, METH_VARARGS,
     "set_char_facts(chars, facts): add these facts to each of these characters."},
    {"set_needles", set_needles, METH_VARARGS,
     "set_needles(strings, anchor, fact, offset): the fact holds where one of the strings occurs."},
    {"set_mojibake", set_mojibake, METH_VARARGS,
     "set_mojibake(leads, continuations, fact): the fact of a lead before a continuation."},
    {"repeated_lines", repeated_lines, METH_O,
     "repeated_lines(text) -> list of int: where the lines begin whose stripped text repeats."},
    {"repeat_lines", repeat_lines, METH_O,
     "repeat_lines(text) -> list of (start, end): the lines holding a doubled-word candidate."},
    {"article_candidates", article_candidates, METH_O,
     "article_candidates(text) -> (positions of ' a'/' an', positions of 'A'/'An')."},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT,
                                    "_speedups",
                                    "Compiled helpers of newsclean (optional).",
                                    -1,
                                    methods,
                                    NULL,
                                    NULL,
                                    NULL,
                                    NULL};

PyMODINIT_FUNC PyInit__speedups(void) {
    if (init_tables() < 0) return PyErr_NoMemory();
    init_needles();
    repeat_seed = (uint64_t)(uintptr_t)&repeat_seed * 0x9E3779B97F4A7C15ULL ^ (uint64_t)time(NULL);
    return PyModule_Create(&module);
}
