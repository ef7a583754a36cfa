package diag

import "testing"

func TestCount(t *testing.T) {
	ds := []Diagnostic{
		{Path: "a.md", Severity: Warning, Message: "w"},
		{Path: "a.md", Severity: Error, Message: "e"},
		{Path: "b.md", Severity: Warning, Message: "w"},
	}
	if errs, warns := Count(ds); errs != 1 || warns != 2 {
		t.Errorf("Count = %d errors, %d warnings; want 1, 2", errs, warns)
	}
	if !HasErrors(ds) || HasErrors(ds[:1]) || HasErrors(nil) {
		t.Errorf("HasErrors: want true only where an error is")
	}
	l := &List{}
	for _, d := range append(ds, ds[0]) { // an exact duplicate counts once
		l.Add(d)
	}
	if errs, warns := l.Count(); errs != 1 || warns != 2 || !l.HasErrors() {
		t.Errorf("List.Count = %d, %d, HasErrors %v; want 1, 2, true", errs, warns, l.HasErrors())
	}
}
