// lang/check/compile_go.cc — select, go and defer statements.
#include <fmt/format.h>

#include "lang/check/compiler.h"
#include "lang/exec/run_state.h"
#include "runtime/chan.h"
#include "runtime/go.h"

namespace gostep::lang::check {

using exec::Ctl;
using exec::Frame;
using exec::Value;
using M = Operand::Mode;

// Select lowers a select statement onto sched::SelectGo (the scheduler's
// selectgo: a random poll order from the decision stream, then lock order).
StmtFn Compiler::Select(SelectStmt* s, const void* label) {
  struct Clause {
    EvalFn chan;
    EvalFn send_value;  // send case
    bool send = false;
    StmtFn bind;        // receive with assignment: stores slots[tmp], slots[tmp+1]
    StmtFn body;
  };
  std::vector<Clause> clauses;
  int default_index = -1;
  int tmp = fn_->code->nslots;
  fn_->code->nslots += 2;
  const char* file = file_name();
  uint32_t line = s->pos.line;
  for (Stmt* st : s->body->list) {
    auto* cc = static_cast<CommClause*>(st);
    Clause cl;
    Push();
    if (cc->comm == nullptr) {
      default_index = static_cast<int>(clauses.size());
    } else if (cc->comm->kind == StmtKind::kSend) {
      auto* ss = static_cast<SendStmt*>(cc->comm);
      Operand ch = ExprValue(ss->chan);
      if (ch.invalid() || ch.type->UKind() != Kind::kChan) {
        Pop();
        return nullptr;
      }
      Operand v = ExprValue(ss->value, ch.type->Underlying()->elem());
      if (v.invalid() || !AssignTo(ss->value, &v, ch.type->Underlying()->elem(), "send")) {
        Pop();
        return nullptr;
      }
      cl.chan = ch.eval;
      cl.send_value = v.eval;
      cl.send = true;
    } else {
      lang::Expr* recv = nullptr;
      std::vector<lang::Expr*> lhs;
      bool define = false;
      if (cc->comm->kind == StmtKind::kExpr) {
        recv = static_cast<ExprStmt*>(cc->comm)->x;
      } else if (cc->comm->kind == StmtKind::kAssign) {
        auto* a = static_cast<AssignStmt*>(cc->comm);
        recv = a->rhs[0];
        lhs = a->lhs;
        define = a->tok == Tok::kDefine;
      }
      while (recv != nullptr && recv->kind == ExprKind::kParen) recv = static_cast<ParenExpr*>(recv)->x;
      if (recv == nullptr || recv->kind != ExprKind::kUnary || static_cast<UnaryExpr*>(recv)->op != Tok::kArrow) {
        Error(cc->comm->pos, "select case must be receive, send or assign recv");
        Pop();
        return nullptr;
      }
      Operand ch = ExprValue(static_cast<UnaryExpr*>(recv)->x);
      if (ch.invalid() || ch.type->UKind() != Kind::kChan) {
        Pop();
        return nullptr;
      }
      cl.chan = ch.eval;
      const Type* et = ch.type->Underlying()->elem();
      std::vector<StmtFn> binds;
      for (size_t i = 0; i < lhs.size(); ++i) {
        int slot = tmp + static_cast<int>(i);
        const Type* t = i == 0 ? et : types_->Bool();
        if (define) {
          if (lhs[i]->kind != ExprKind::kIdent) continue;
          auto* id = static_cast<Ident*>(lhs[i]);
          if (id->name == "_") continue;
          Object* o = DeclareVar(id, t);
          int s2 = o->slot;
          bool boxed = o->boxed;
          binds.push_back([s2, slot, boxed](Frame& f) {
            if (boxed) {
              Value* cell = exec::Run(f).heap.Cells(1);
              *cell = f.slots[slot];
              f.slots[s2] = Value::Ptr(cell);
            } else {
              f.slots[s2] = f.slots[slot];
            }
            return Ctl::kNext;
          });
        } else {
          StmtFn sf = StoreTo(lhs[i], [slot](Frame& f) { return f.slots[slot]; });
          if (sf) binds.push_back(sf);
        }
      }
      if (!binds.empty()) {
        cl.bind = [binds](Frame& f) {
          for (const StmtFn& b : binds) b(f);
          return Ctl::kNext;
        };
      }
    }
    cl.body = Block(cc->body);
    CheckUnused();
    Pop();
    clauses.push_back(std::move(cl));
  }
  return [clauses, default_index, tmp, label, file, line](Frame& f) {
    std::vector<sched::SelectCase> cases;
    std::vector<int> index;  // case -> clause
    std::vector<Value> sends(clauses.size());
    for (size_t i = 0; i < clauses.size(); ++i) {
      if (static_cast<int>(i) == default_index) continue;
      const Clause& c = clauses[i];
      auto* ch = static_cast<sched::Hchan*>(c.chan(f).p);
      if (c.send) sends[i] = c.send_value(f);
      cases.push_back(sched::SelectCase{.c = ch, .elem = c.send ? &sends[i] : &f.slots[tmp], .send = c.send});
      index.push_back(static_cast<int>(i));
    }
    sched::SelectResult r =
        exec::ChanOp(f, [&] { return sched::SelectGo(S(), cases, default_index < 0, sched::At(file, line)); });
    int chosen = r.index < 0 ? default_index : index[r.index];
    if (r.index >= 0 && !clauses[chosen].send) f.slots[tmp + 1] = Value::Int(r.recv_ok);
    const Clause& c = clauses[chosen];
    if (c.bind) c.bind(f);
    Ctl out = c.body(f);
    if (out == Ctl::kBreak && (f.label == nullptr || f.label == label)) {
      f.label = nullptr;
      return Ctl::kNext;
    }
    return out;
  };
}

// GoDefer lowers `go f(args)` and `defer f(args)`: the function value and
// the arguments are evaluated now; the call happens in a new goroutine, or
// when the surrounding function returns or panics.
StmtFn Compiler::GoDefer(CallExpr* call, bool is_go, Pos pos) {
  Operand fo = Expr(call->fun);
  if (fo.invalid()) return nullptr;
  std::function<void(Frame&)> deferred_builtin;
  if (fo.mode == M::kBuiltin || fo.native != nullptr || fo.std_func != nullptr || fo.mode == M::kType) {
    // go/defer of a builtin or std function: the arguments are evaluated
    // now (spec, Defer statements), the call later. Each non-constant
    // argument is compiled here; the call is compiled with that argument
    // reading the value the statement took (PreEvaluated).
    struct Capture {
      EvalFn eval;
      const Type* type;
    };
    std::vector<Capture> captures;
    for (lang::Expr* a : call->args) {
      Operand o = Expr(a);
      if (o.invalid()) return nullptr;
      if (o.mode != M::kValue && o.mode != M::kVar && o.mode != M::kMapIndex && o.mode != M::kCommaOk) continue;
      if (o.type->kind() == Kind::kTuple) continue;  // f(g()): g runs at the call (a known gap)
      if (o.type->kind() == Kind::kUntypedNil) continue;  // nil is nil later too
      if (o.type->kind() == Kind::kUntypedBool) o.type = types_->Bool();
      int idx = static_cast<int>(captures.size());
      captures.push_back({o.eval, o.type});
      Operand r;
      r.mode = M::kValue;
      r.type = o.type;
      r.eval = [idx](Frame&) { return exec::PreEvaluated()[idx]; };
      pre_evaluated_[a] = r;
    }
    Operand c = Call(call, true);
    for (lang::Expr* a : call->args) pre_evaluated_.erase(a);
    if (c.invalid()) return nullptr;
    EvalFn ev = c.eval;
    // take evaluates the captured arguments (copies of struct values).
    auto take = [captures](Frame& f) {
      std::vector<Value> vals;
      for (const Capture& cap : captures) vals.push_back(exec::Copy(exec::Run(f), cap.type, cap.eval(f)));
      return vals;
    };
    if (is_go) {
      const char* file = file_name();
      return [ev, take, file, pos](Frame& f) {
        exec::GState* parent = f.g;
        std::vector<Value> vals = take(f);
        gostep::Go(
            [ev, parent, vals] {
              exec::RunGoroutine(parent->run, [ev, &vals](Frame& fr) {
                exec::PreEvaluatedScope scope(&vals);
                ev(fr);
              });
            },
            gostep::GoOptions{.name = {}, .at = sched::At(file, pos.line)});
        return Ctl::kNext;
      };
    }
    return [ev, take](Frame& f) {
      std::vector<Value> vals = take(f);
      exec::PushDefer(f, [ev, vals](Frame& fr) {
        exec::PreEvaluatedScope scope(&vals);
        ev(fr);
      });
      return Ctl::kNext;
    };
  }
  if (fo.type->UKind() != Kind::kFunc) {
    Error(call->pos, fmt::format("expression in {} must be function call", is_go ? "go" : "defer"));
    return nullptr;
  }
  const Type* sig = fo.type->Underlying();
  std::vector<EvalFn> args = Args(call, sig, ExprText(call->fun));
  if (args.size() != sig->params().size()) return nullptr;
  EvalFn fe = fo.eval;
  const char* file = file_name();
  uint32_t line = pos.line;
  if (is_go) {
    return [fe, args, file, line](Frame& f) {
      Value fv = fe(f);
      std::vector<Value> argv;
      for (const EvalFn& a : args) argv.push_back(a(f));
      auto* c = static_cast<exec::Closure*>(fv.p);
      if (c == nullptr) exec::GoNilFunc(f);
      exec::RunState* run = f.g->run;
      gostep::Go([run, c, argv] {
            exec::RunGoroutine(run, [c, argv](Frame& fr) {
              exec::Call(fr, c, argv.data(), static_cast<int>(argv.size()), nullptr);
            });
          },
          gostep::GoOptions{.name = c->code->name, .at = sched::At(file, line)});
      return Ctl::kNext;
    };
  }
  return [fe, args](Frame& f) {
    Value fv = fe(f);
    std::vector<Value> argv;
    for (const EvalFn& a : args) argv.push_back(a(f));
    auto* c = static_cast<exec::Closure*>(fv.p);
    exec::PushDefer(f, [c, argv](Frame& fr) {
      if (c == nullptr) exec::NilDeref(fr);
      Value results[16];
      exec::Call(fr, c, argv.data(), static_cast<int>(argv.size()), results);
    });
    return Ctl::kNext;
  };
}

}  // namespace gostep::lang::check
