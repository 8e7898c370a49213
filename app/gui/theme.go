package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// variantTheme is the default theme held to one variant (light or dark),
// whatever the system prefers.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

// Color implements fyne.Theme.
func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}

// applyTheme sets "light", "dark" or, for anything else, the system's
// choice, and remembers it.
func (u *ui) applyTheme(name string) { setTheme(u.app, name) }

// setTheme sets the app's theme by name and saves the choice.
func setTheme(a fyne.App, name string) {
	switch name {
	case "light":
		a.Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantLight})
	case "dark":
		a.Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantDark})
	default:
		name = ""
		a.Settings().SetTheme(theme.DefaultTheme())
	}
	a.Preferences().SetString(prefTheme, name)
}
