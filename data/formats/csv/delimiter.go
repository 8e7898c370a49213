package csv

import (
	"bufio"
	"bytes"
)

// delimiters are the candidates, in order of preference on a tie.
var delimiters = []rune{',', ';', '\t', '|'}

// detectDelimiter returns the delimiter the first line of br uses most
// (outside quotes), or ',' when it uses none.
func detectDelimiter(br *bufio.Reader) rune {
	head, _ := br.Peek(64 << 10)
	if i := lineEnd(head); i >= 0 {
		head = head[:i]
	}
	counts := make([]int, len(delimiters))
	inQuote := false
	for _, c := range head {
		if c == '"' {
			inQuote = !inQuote
			continue
		}
		if inQuote {
			continue
		}
		for i, d := range delimiters {
			if rune(c) == d {
				counts[i]++
			}
		}
	}
	best := 0
	for i := range counts {
		if counts[i] > counts[best] {
			best = i
		}
	}
	return delimiters[best]
}

// lineEnd is the index of the first newline outside quotes, or -1.
func lineEnd(b []byte) int {
	inQuote := false
	for i, c := range b {
		switch {
		case c == '"':
			inQuote = !inQuote
		case c == '\n' && !inQuote:
			return i
		}
	}
	return bytes.IndexByte(b, '\n')
}
