package mip

// SmallPlant gives the external tests the internal tests' plant generator.
var SmallPlant = smallPlant
