// Command minhashlsh runs github.com/ekzhu/minhash-lsh over the same file as `Faultline.Bench neardup`:
// lines "id TAB family TAB words" (words already normalised and space-separated). It shingles word 3-grams
// (a text under 3 words is one shingle), signs with the library's Minhash (128 hash functions), indexes with
// NewMinhashLSH32 at threshold 0.8, queries every post, verifies candidates by exact Jaccard, and prints time,
// throughput per CPU-second and recall against the planted families (pairs inside a family with J >= 0.8).
//
// Build without downloads: GO111MODULE=off GOPATH=/usr/share/gocode:$HOME/go go build -o minhashlsh .
package main

import (
	"bufio"
	"flag"
	"fmt"
	"hash/fnv"
	"os"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	minhashlsh "github.com/ekzhu/minhash-lsh"
)

const numHash = 128
const threshold = 0.8
const seed = 42

type pair struct{ a, b int }

func cpuSeconds() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

func main() {
	file := flag.String("file", "", "TSV written by Faultline.Bench neardup")
	limit := flag.Int("posts", 0, "read at most this many posts (0: all)")
	flag.Parse()
	f, err := os.Open(*file)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var texts []string
	var families []int
	scanner := bufio.NewScanner(f)
	scanner.Buffer(make([]byte, 1<<20), 1<<24)
	for scanner.Scan() {
		parts := strings.SplitN(scanner.Text(), "\t", 3)
		family, _ := strconv.Atoi(parts[1])
		families = append(families, family)
		texts = append(texts, parts[2])
		if *limit > 0 && len(texts) == *limit {
			break
		}
	}
	f.Close()
	n := len(texts)

	cpu0 := cpuSeconds()
	start := time.Now()
	// Shingle: 3-gram strings; sorted unique 64-bit FNV-1a hashes kept for exact verification.
	sets := make([][]uint64, n)
	sigs := make([][]uint64, n)
	for i, text := range texts {
		words := strings.Fields(text)
		var grams []string
		if len(words) == 0 {
			continue
		} else if len(words) < 3 {
			grams = []string{strings.Join(words, " ")}
		} else {
			grams = make([]string, 0, len(words)-2)
			for k := 0; k+2 < len(words); k++ {
				grams = append(grams, words[k]+" "+words[k+1]+" "+words[k+2])
			}
		}
		mh := minhashlsh.NewMinhash(seed, numHash)
		hs := make([]uint64, 0, len(grams))
		for _, g := range grams {
			b := []byte(g)
			mh.Push(b)
			h := fnv.New64a()
			h.Write(b)
			hs = append(hs, h.Sum64())
		}
		sort.Slice(hs, func(x, y int) bool { return hs[x] < hs[y] })
		u := hs[:0]
		for k, v := range hs {
			if k == 0 || v != hs[k-1] {
				u = append(u, v)
			}
		}
		sets[i] = u
		sigs[i] = mh.Signature()
	}
	signed := time.Since(start).Seconds()
	lsh := minhashlsh.NewMinhashLSH32(numHash, threshold)
	for i := range texts {
		if sigs[i] != nil {
			lsh.Add(i, sigs[i])
		}
	}
	lsh.Index()
	indexed := time.Since(start).Seconds()
	found := make(map[pair]bool)
	for i := range texts {
		if sigs[i] == nil {
			continue
		}
		for _, key := range lsh.Query(sigs[i]) {
			j := key.(int)
			if j >= i {
				continue
			}
			if jaccard(sets[i], sets[j]) >= threshold {
				found[pair{j, i}] = true
			}
		}
	}
	wall := time.Since(start).Seconds()
	cpu := cpuSeconds() - cpu0

	// Truth: pairs inside a planted family with exact Jaccard >= threshold.
	byFamily := make(map[int][]int)
	for i, fam := range families {
		byFamily[fam] = append(byFamily[fam], i)
	}
	truth, hits := 0, 0
	for _, members := range byFamily {
		for x := 0; x < len(members); x++ {
			for y := x + 1; y < len(members); y++ {
				a, b := members[x], members[y]
				if sets[a] == nil || sets[b] == nil || jaccard(sets[a], sets[b]) < threshold {
					continue
				}
				truth++
				if found[pair{a, b}] || found[pair{b, a}] {
					hits++
				}
			}
		}
	}
	k, l := lsh.Params()
	recall := float64(hits) / float64(truth)
	fmt.Printf("ekzhu/minhash-lsh: %d posts, %d hash functions, threshold %.1f, LSH k=%d rows x l=%d bands\n", n, numHash, threshold, k, l)
	fmt.Printf("shingle + sign %.2f s, index %.2f s, query + verify %.2f s, total %.2f s wall, %.2f s CPU\n", signed, indexed-signed, wall-indexed, wall, cpu)
	fmt.Printf("throughput %.0f posts/s wall, %.0f posts per CPU-second\n", float64(n)/wall, float64(n)/cpu)
	fmt.Printf("pairs %d; planted truth %d at J >= 0.8; recall %.4f\n", len(found), truth, recall)
	fmt.Printf("RESULT posts=%d wall_s=%.3f cpu_s=%.3f recall=%.4f\n", n, wall, cpu, recall)
}

func jaccard(a, b []uint64) float64 {
	i, j, common := 0, 0, 0
	for i < len(a) && j < len(b) {
		if a[i] == b[j] {
			common++
			i++
			j++
		} else if a[i] < b[j] {
			i++
		} else {
			j++
		}
	}
	return float64(common) / float64(len(a)+len(b)-common)
}
