// Package formattest holds what the tests of several format packages share:
// feature sources over slices, reading a file into layers, file
// fingerprints, hex seed files and the oracle check for multi-layer files.
package formattest
