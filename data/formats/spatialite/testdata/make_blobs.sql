-- Regenerates blobs.tsv (needs mod_spatialite):
-- sqlite3 -separator "$(printf '\t')" :memory: < make_blobs.sql | grep -v '^1\?$'
SELECT load_extension('mod_spatialite');
CREATE TEMP TABLE w(kind TEXT, wkt TEXT, srid INT);
INSERT INTO w VALUES
 ('plain','POINT(1.5 -2.25)',4326),
 ('plain','POINT Z(1 2 3)',4326),
 ('plain','POINT M(1 2 4)',4326),
 ('plain','POINT ZM(1 2 3 4)',3857),
 ('plain','LINESTRING(0 0, 1 1, 2 0.5)',4326),
 ('plain','LINESTRING Z(0 0 10, 1 1 11, 2 0.5 12)',4326),
 ('plain','POLYGON((0 0, 10 0, 10 10, 0 10, 0 0),(2 2, 2 4, 4 4, 4 2, 2 2))',4326),
 ('plain','POLYGON ZM((0 0 1 5, 10 0 2 6, 10 10 3 7, 0 0 1 5))',4326),
 ('plain','MULTIPOINT(1 2, 3 4)',4326),
 ('plain','MULTIPOINT Z(1 2 3, 4 5 6)',4326),
 ('plain','MULTILINESTRING((0 0, 1 1),(2 2, 3 3, 4 2))',4326),
 ('plain','MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)),((5 5, 9 5, 9 9, 5 9, 5 5),(6 6, 6 7, 7 7, 6 6)))',4326),
 ('plain','MULTIPOLYGON Z(((0 0 1, 1 0 2, 1 1 3, 0 0 1)))',4326),
 ('plain','GEOMETRYCOLLECTION(POINT(1 2), LINESTRING(0 0, 1 1), POLYGON((0 0, 1 0, 1 1, 0 0)))',4326),
 ('plain','GEOMETRYCOLLECTION M(POINT M(1 2 3), LINESTRING M(0 0 1, 1 1 2))',4326),
 ('compressed','LINESTRING(-70.123456 10.5, -70.2 10.6, -70.25 10.61, -71 11)',4326),
 ('compressed','LINESTRING Z(0 0 10, 0.5 0.5 10.5, 1 1 11, 2 0.5 12)',4326),
 ('compressed','LINESTRING M(0 0 10, 0.5 0.5 10.25, 1 1 11, 2 0.5 12)',4326),
 ('compressed','LINESTRING ZM(1 2 3 4, 1.5 2.5 3.5 4.5, 5 6 7 8)',4326),
 ('compressed','POLYGON((0 0, 10 0, 10 10, 0 10, 0 0),(2 2, 2 4, 4 4, 4 2, 2 2))',4326),
 ('compressed','MULTIPOLYGON Z(((0 0 1, 1 0 2, 1 1 3, 0.5 1.5 3.5, 0 0 1)),((5 5 0, 9 5 0, 9 9 0, 5 5 0)))',4326),
 ('compressed','MULTILINESTRING((0 0, 1 1, 2 2),(2 2, 3 3, 4 2))',4326),
 ('compressed','GEOMETRYCOLLECTION(POINT(1 2), LINESTRING(0 0, 1 1, 2 3), POLYGON((0 0, 1 0, 1 1, 0 0)))',4326);
SELECT 'plain', srid, wkt, hex(GeomFromText(wkt, srid)) FROM w WHERE kind='plain';
SELECT 'compressed', srid, wkt, hex(CompressGeometry(GeomFromText(wkt, srid))) FROM w WHERE kind='compressed';
SELECT EnableTinyPoint();
SELECT 'tinypoint', 4326, 'POINT(1.5 -2.25)', hex(MakePoint(1.5, -2.25, 4326));
SELECT 'tinypoint', 3857, 'POINT Z(1 2 3)', hex(MakePointZ(1, 2, 3, 3857));
SELECT 'tinypoint', 4326, 'POINT ZM(1 2 3 4)', hex(MakePointZM(1, 2, 3, 4, 4326));
