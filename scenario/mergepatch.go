package scenario

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// MergePatch applies the JSON Merge Patch patch (RFC 7396) to the JSON
// document doc and returns the result. The members of a patch object
// replace those of the target object, a null member removes one, objects
// merge recursively, and anything else (arrays included) replaces the
// target whole. Numbers keep their exact text. The result's object members
// are sorted by name.
func MergePatch(doc, patch []byte) ([]byte, error) {
	d, err := decodeJSON(doc)
	if err != nil {
		return nil, fmt.Errorf("merge patch: document: %w", err)
	}
	p, err := decodeJSON(patch)
	if err != nil {
		return nil, fmt.Errorf("merge patch: patch: %w", err)
	}
	return json.Marshal(Merge(d, p))
}

// Merge applies the merge patch patch to target, both decoded JSON values
// (map[string]any, []any, string, json.Number or float64, bool, nil), as
// the MergePatch function of RFC 7396 section 2 does. It does not modify
// target or patch: the result shares no map with either, although it may
// share arrays and scalars.
func Merge(target, patch any) any {
	po, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	to, ok := target.(map[string]any)
	out := make(map[string]any, len(to)+len(po))
	if ok {
		for k, v := range to {
			out[k] = v
		}
	}
	for k, v := range po {
		if v == nil {
			delete(out, k)
			continue
		}
		out[k] = Merge(out[k], v)
	}
	return out
}

// decodeJSON decodes one JSON value, keeping numbers as json.Number, and
// refuses trailing data.
func decodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("empty input")
		}
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("data after the JSON value at offset %d", dec.InputOffset())
	}
	return v, nil
}
