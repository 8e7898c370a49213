package sqlfeature

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/twpayne/go-geom"

	"corridor/data/formats"
)

// SRS is a spatial reference system as a GeoPackage (gpkg_spatial_ref_sys)
// or SpatiaLite (spatial_ref_sys) file describes it.
type SRS struct {
	// ID is the file's own identifier (srs_id, srid).
	ID int64
	// Authority and Code identify the system (organization and
	// organization_coordsys_id, auth_name and auth_srid); Authority is empty
	// when the file has no row for ID.
	Authority string
	Code      int64
	// Name is the system's human-readable name, for messages.
	Name string
}

// EPSG returns the EPSG code of s: Code when the authority is EPSG, else ID
// when it is 4326 or 3857 and no other authority claims it (files that leave
// the authority empty or "NONE"); 0 when s is not identified as EPSG.
func (s SRS) EPSG() int64 {
	auth := strings.ToUpper(strings.TrimSpace(s.Authority))
	switch {
	case auth == "EPSG":
		return s.Code
	case (auth == "" || auth == "NONE") && (s.ID == 4326 || s.ID == 3857) && (s.Code == 0 || s.Code == s.ID):
		return s.ID
	}
	return 0
}

// String names s for a message: "EPSG:32618 (WGS 84 / UTM zone 18N)".
func (s SRS) String() string {
	var id string
	auth := strings.TrimSpace(s.Authority)
	switch {
	case auth != "" && !strings.EqualFold(auth, "NONE"):
		id = strings.ToUpper(auth) + ":" + strconv.FormatInt(s.Code, 10)
	case s.Code != 0:
		id = strconv.FormatInt(s.Code, 10)
	default:
		id = strconv.FormatInt(s.ID, 10)
	}
	if name := strings.TrimSpace(s.Name); name != "" {
		return id + " (" + name + ")"
	}
	return id
}

// UnsupportedSRSError is the refusal of a table whose SRS is neither
// EPSG:4326 nor EPSG:3857. It wraps formats.ErrUnsupportedCRS.
type UnsupportedSRSError struct {
	Table string
	SRS   SRS
}

// Error names the file, the table and the SRS that is refused.
func (e *UnsupportedSRSError) Error() string {
	return fmt.Sprintf("table %q: SRS %s is not supported: only EPSG:4326 and EPSG:3857", e.Table, e.SRS)
}

// Unwrap makes errors.Is(err, formats.ErrUnsupportedCRS) true.
func (e *UnsupportedSRSError) Unwrap() error { return formats.ErrUnsupportedCRS }

// ToLonLat returns the function that brings geometries of table's SRS s to
// EPSG:4326 in place (nil for EPSG:4326 itself), or an *UnsupportedSRSError.
func ToLonLat(table string, s SRS) (func(geom.T), error) {
	switch s.EPSG() {
	case 4326:
		return nil, nil
	case 3857:
		return FromWebMercator, nil
	}
	return nil, &UnsupportedSRSError{Table: table, SRS: s}
}
