// Package ga is ordo's genetic algorithm (registered as "ga").
package ga
