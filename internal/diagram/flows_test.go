package diagram

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Graphs shared by the tests and the benchmark.

// purchaseEN is a purchase-problem flow like the ones on the site: five
// questions, six outcomes and one "go back and check" edge.
func purchaseEN() Graph {
	q := func(id, label string) Node { return Node{ID: id, Label: label, Href: "/flows/goods/" + id + "/"} }
	o := func(id, label string) Node {
		return Node{ID: id, Label: label, Href: "/flows/goods/" + id + "/", Shape: Outcome}
	}
	start := q("arrived", "Did the goods arrive?")
	start.Start = true
	return Graph{
		Nodes: []Node{
			start,
			q("faulty", "Are the goods faulty?"),
			q("late", "Is the delivery more than 30 days late?"),
			q("reported", "Did you report the fault within 6 months?"),
			q("return", "Do you want to return them anyway?"),
			o("refund-late", "Cancel the order & get a refund"),
			o("wait", "Wait, then ask the seller for a delivery date"),
			o("repair", "You can ask for a repair or a replacement"),
			o("prove", "You can still claim, but you must show the fault was there at delivery"),
			o("cooling-off", "Return them within 14 days for a full refund"),
			o("keep", "Nothing to do: enjoy your purchase"),
		},
		Edges: []Edge{
			{From: "arrived", To: "faulty", Label: "Yes"},
			{From: "arrived", To: "late", Label: "No"},
			{From: "faulty", To: "reported", Label: "Yes"},
			{From: "faulty", To: "return", Label: "No"},
			{From: "late", To: "refund-late", Label: "Yes"},
			{From: "late", To: "wait", Label: "No"},
			{From: "reported", To: "repair", Label: "Yes"},
			{From: "reported", To: "prove", Label: "No"},
			{From: "reported", To: "faulty", Label: "Not sure: check the goods again"},
			{From: "return", To: "cooling-off", Label: "Yes, bought online"},
			{From: "return", To: "keep", Label: "No"},
		},
	}
}

// purchaseZH is purchaseEN in Chinese.
func purchaseZH() Graph {
	g := purchaseEN()
	labels := []string{
		"货物到了吗？",
		"货物有质量问题吗？",
		"交货是否已逾期超过三十天？",
		"您是否在六个月内报告了质量问题？",
		"您仍然想退货吗？",
		"解除合同并要求退款",
		"请等待，并要求卖方确定交货日期（《民法典》第六百一十条）",
		"您可以要求修理或者更换",
		"您仍然可以主张权利，但须证明交货时已存在质量问题",
		"七日内退货，全额退款",
		"无需处理",
	}
	for i := range g.Nodes {
		g.Nodes[i].Label = labels[i]
	}
	answers := []string{"是", "否", "是", "否", "是", "否", "是", "否", "不确定：再检查一次货物", "是，网购", "否"}
	for i := range g.Edges {
		g.Edges[i].Label = answers[i]
	}
	return g
}

// loopFlow has a self-loop, a long label and nodes without links.
func loopFlow() Graph {
	return Graph{
		Nodes: []Node{
			{ID: "ask", Label: "Have you written to the landlord?", Start: true},
			{ID: "wait", Label: "Has the landlord answered within 14 days? Keep a copy of every letter & email <as proof>."},
			{ID: "court", Label: "Apply to the tribunal", Shape: Outcome},
		},
		Edges: []Edge{
			{From: "ask", To: "wait", Label: "Yes"},
			{From: "ask", To: "ask", Label: "No: write first"},
			{From: "wait", To: "wait", Label: "Not yet"},
			{From: "wait", To: "court", Label: "No answer"},
			{From: "wait", To: "ask", Label: "They said \"no\""},
		},
	}
}

var words = []string{
	"Yes", "No", "Maybe", "the", "seller", "refused", "goods", "arrived", "late", "damaged",
	"contract", "refund", "within", "days", "tenant", "deposit", "Ask", "again", "court", "letter",
	"señal", "garantía", "devolución", "货物", "退款", "合同", "是否", "，", "。", "？",
}

func randomText(r *rand.Rand, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 && r.IntN(4) > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(words[r.IntN(len(words))])
	}
	return b.String()
}

// randomFlow builds a flow-like graph of n nodes from a fixed seed: about
// 60% questions with two to four answers each, mostly leading a few steps
// on, sometimes back to an earlier question or to the question itself; the
// rest are outcomes, which end the flow. Every node but the first is
// reached from an earlier one, as in a real flow.
func randomFlow(seed uint64, n int) Graph {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	var g Graph
	for i := range n {
		nd := Node{ID: fmt.Sprintf("n%d", i), Label: randomText(r, 1+r.IntN(12))}
		if i > 0 && r.IntN(5) < 2 {
			nd.Shape = Outcome
		}
		if r.IntN(3) > 0 {
			nd.Href = fmt.Sprintf("/flow/%d/", i)
		}
		nd.Start = i == 0
		g.Nodes = append(g.Nodes, nd)
	}
	edge := func(from, to int) {
		label := ""
		if r.IntN(6) > 0 {
			label = randomText(r, 1+r.IntN(4))
		}
		g.Edges = append(g.Edges, Edge{From: g.Nodes[from].ID, To: g.Nodes[to].ID, Label: label})
	}
	for i := 1; i < n; i++ {
		edge(max(0, i-1-r.IntN(6)), i)
	}
	for i := range n {
		if g.Nodes[i].Shape == Outcome || i == n-1 {
			continue
		}
		for range 1 + r.IntN(3) {
			switch k := r.IntN(20); {
			case k == 0:
				edge(i, i)
			case k < 3:
				edge(i, r.IntN(i+1))
			default:
				edge(i, min(n-1, i+1+r.IntN(10)))
			}
		}
	}
	return g
}
