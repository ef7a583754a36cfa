package serve

import "testing"

func TestAdjustCSP(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
		nonce          bool
		notes          int
	}{
		{
			name: "self everywhere already",
			in:   "default-src 'self'",
			want: "default-src 'self'",
		},
		{
			name: "no directive governs the client",
			in:   "img-src https:; frame-ancestors 'none'",
			want: "img-src https:; frame-ancestors 'none'",
		},
		{
			name:  "default-src none gets directives of its own, not a looser default",
			in:    "default-src 'none'; img-src 'self'",
			want:  "default-src 'none'; img-src 'self'; script-src 'self'; connect-src 'self'; style-src 'self'",
			notes: 3,
		},
		{
			name:  "default-src with a host keeps the host in the new directives",
			in:    "default-src https://cdn.example.org; style-src 'self'",
			want:  "default-src https://cdn.example.org; style-src 'self'; script-src https://cdn.example.org 'self'; connect-src https://cdn.example.org 'self'",
			notes: 2,
		},
		{
			name:  "script-src without self gets it",
			in:    "default-src 'self'; script-src https://cdn.example.org",
			want:  "default-src 'self'; script-src https://cdn.example.org 'self'",
			notes: 1,
		},
		{
			name:  "script-src-elem is what governs a script element",
			in:    "script-src 'self'; script-src-elem 'none'",
			want:  "script-src 'self'; script-src-elem 'self'",
			notes: 1,
		},
		{
			name:  "strict-dynamic ignores self, so a nonce",
			in:    "script-src 'strict-dynamic' 'nonce-abc'; connect-src 'self'",
			want:  "script-src 'strict-dynamic' 'nonce-abc' 'nonce-N'; connect-src 'self'",
			nonce: true,
			notes: 1,
		},
		{
			name: "a star allows the origin",
			in:   "script-src *; connect-src *",
			want: "script-src *; connect-src *",
		},
		{
			name:  "two policies, each adjusted",
			in:    "script-src 'self', connect-src 'none'",
			want:  "script-src 'self', connect-src 'self'",
			notes: 1,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, nonce, notes := adjustCSP(tc.in, "N")
			if got != tc.want || nonce != tc.nonce || len(notes) != tc.notes {
				t.Errorf("adjustCSP(%q) =\n %q, nonce %v, notes %q\nwant\n %q, nonce %v, %d notes", tc.in, got, nonce, notes, tc.want, tc.nonce, tc.notes)
			}
		})
	}
}
