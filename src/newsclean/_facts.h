/* Generated from src/newsclean/_facts.py by tools/gen_facts_header.py: do not edit.
 * A test checks that this file is what the generator writes. */
#ifndef NEWSCLEAN_FACTS_H
#define NEWSCLEAN_FACTS_H

#define F_AMP (UINT64_C(1) << 0)
#define F_SEMI (UINT64_C(1) << 1)
#define F_PERCENT_CAP (UINT64_C(1) << 2)
#define F_LBRACKET (UINT64_C(1) << 3)
#define F_LBRACE (UINT64_C(1) << 4)
#define F_LT (UINT64_C(1) << 5)
#define F_AT (UINT64_C(1) << 6)
#define F_PAREN_END (UINT64_C(1) << 7)
#define F_CONTROL (UINT64_C(1) << 8)
#define F_MOJIBAKE (UINT64_C(1) << 9)
#define F_ZERO_WIDTH (UINT64_C(1) << 10)
#define F_BOM (UINT64_C(1) << 11)
#define F_SP_MARK (UINT64_C(1) << 12)
#define F_SPACE_CLOSE (UINT64_C(1) << 13)
#define F_OPEN_SPACE (UINT64_C(1) << 14)
#define F_SPACE_HYPHEN (UINT64_C(1) << 15)
#define F_HYPHEN_SPACE (UINT64_C(1) << 16)
#define F_SPACE_APOS (UINT64_C(1) << 17)
#define F_SPACE_N_APOS (UINT64_C(1) << 18)
#define F_TRAILING_WS (UINT64_C(1) << 19)
#define F_BLANKS (UINT64_C(1) << 20)
#define F_A_AN (UINT64_C(1) << 21)
#define F_STOP_LOWER (UINT64_C(1) << 22)
#define F_DUP_LINE (UINT64_C(1) << 24)
#define F_CREDIT_LINE (UINT64_C(1) << 25)
#define F_HEAD_LINE (UINT64_C(1) << 26)
#define F_FOREIGN_SCRIPT (UINT64_C(1) << 27)
#define F_APOS_SPACE_LOWER (UINT64_C(1) << 28)
#define F_UMLAUT (UINT64_C(1) << 29)
#define F_CODE_MARK (UINT64_C(1) << 30)
#define F_BACKSLASH (UINT64_C(1) << 31)
#define F_FURNITURE (UINT64_C(1) << 32)
#define F_HOVERCARD (UINT64_C(1) << 33)
#define F_TRUNCATION (UINT64_C(1) << 34)
#define F_PTB_TOKEN (UINT64_C(1) << 35)
#define F_QUOTE_PAD (UINT64_C(1) << 36)
#define F_INDENTED (UINT64_C(1) << 37)
#define F_ON_LINE (UINT64_C(1) << 38)
#define F_REPEAT (UINT64_C(1) << 39)
#define F_CJK_MARK (UINT64_C(1) << 40)

#define LINE_LEN_MIN 2
#define LINE_LEN_MAX 120
#define MAX_LINES 512
#define MAX_HEADS 256
#define MAX_HEAD_LEN 64
#define MAX_SKIP 32
#define MAX_NEEDLES 256
#define MAX_NEEDLE_LEN 40

static const char *const CREDIT_WORDS[] = {"Photo", "Picture", "Image", "Credit", "Foto", NULL};
static const char *const COUNTER_WORDS[] = {"Image", "Photo", "Picture", "Slide", NULL};

#endif
